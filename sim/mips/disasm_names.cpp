// disasm_names.cpp - register names as binutils' objdump prints them.
//
// objdump names registers per architecture: for a MIPS IV image (the R10000)
// CP0 registers are numeric ("$12"); for a MIPS32/64 Release 2 image they
// carry the Release 2 names, with a select ("c0_intctl" is $12 select 1).
// These tables are the names of the MIPS64 Release 2 manual (vol. III,
// "CP0 registers") as objdump spells them; unnamed ones print as "$reg" or
// "$reg,sel".
#include <fmt/format.h>

#include "sim/mips/disasm.h"

namespace ds::mips {

const char* gpr_name(unsigned r) {
  // n32/n64 ABI names: $8..$11 are a4..a7 and $12..$15 are t0..t3.
  static const char* const names[32] = {"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
                                        "a4",   "a5", "a6", "a7", "t0", "t1", "t2", "t3",
                                        "s0",   "s1", "s2", "s3", "s4", "s5", "s6", "s7",
                                        "t8",   "t9", "k0", "k1", "gp", "sp", "s8", "ra"};
  return names[r & 31];
}

namespace {

struct Cp0Name {
  unsigned reg, sel;
  const char* name;
};

// Named (register, select) pairs of the Release 2 architecture, including
// the MT ASE registers objdump knows for the generic MIPS64 R2 target.
constexpr Cp0Name kCp0R2[] = {
    {0, 0, "c0_index"},         {0, 1, "c0_mvpcontrol"},    {0, 2, "c0_mvpconf0"},
    {0, 3, "c0_mvpconf1"},      {1, 0, "c0_random"},        {1, 1, "c0_vpecontrol"},
    {1, 2, "c0_vpeconf0"},      {1, 3, "c0_vpeconf1"},      {1, 4, "c0_yqmask"},
    {1, 5, "c0_vpeschedule"},   {1, 6, "c0_vpeschefback"},  {2, 0, "c0_entrylo0"},
    {2, 1, "c0_tcstatus"},      {2, 2, "c0_tcbind"},        {2, 3, "c0_tcrestart"},
    {2, 4, "c0_tchalt"},        {2, 5, "c0_tccontext"},     {2, 6, "c0_tcschedule"},
    {2, 7, "c0_tcschefback"},   {3, 0, "c0_entrylo1"},      {4, 0, "c0_context"},
    {4, 1, "c0_contextconfig"}, {5, 0, "c0_pagemask"},      {5, 1, "c0_pagegrain"},
    {6, 0, "c0_wired"},         {6, 1, "c0_srsconf0"},      {6, 2, "c0_srsconf1"},
    {6, 3, "c0_srsconf2"},      {6, 4, "c0_srsconf3"},      {6, 5, "c0_srsconf4"},
    {7, 0, "c0_hwrena"},        {8, 0, "c0_badvaddr"},      {9, 0, "c0_count"},
    {10, 0, "c0_entryhi"},      {11, 0, "c0_compare"},      {12, 0, "c0_status"},
    {12, 1, "c0_intctl"},       {12, 2, "c0_srsctl"},       {12, 3, "c0_srsmap"},
    {13, 0, "c0_cause"},        {14, 0, "c0_epc"},          {15, 0, "c0_prid"},
    {15, 1, "c0_ebase"},        {16, 0, "c0_config"},       {16, 1, "c0_config1"},
    {16, 2, "c0_config2"},      {16, 3, "c0_config3"},      {17, 0, "c0_lladdr"},
    {20, 0, "c0_xcontext"},     {23, 0, "c0_debug"},        {23, 1, "c0_tracecontrol"},
    {23, 2, "c0_tracecontrol2"}, {23, 3, "c0_usertracedata"}, {23, 4, "c0_tracebpc"},
    {24, 0, "c0_depc"},         {26, 0, "c0_errctl"},       {27, 0, "c0_cacheerr"},
    {28, 0, "c0_taglo"},        {28, 1, "c0_datalo"},       {28, 2, "c0_taglo1"},
    {28, 3, "c0_datalo1"},      {28, 4, "c0_taglo2"},       {28, 5, "c0_datalo2"},
    {28, 6, "c0_taglo3"},       {28, 7, "c0_datalo3"},      {29, 0, "c0_taghi"},
    {29, 1, "c0_datahi"},       {29, 2, "c0_taghi1"},       {29, 3, "c0_datahi1"},
    {29, 4, "c0_taghi2"},       {29, 5, "c0_datahi2"},      {29, 6, "c0_taghi3"},
    {29, 7, "c0_datahi3"},      {30, 0, "c0_errorepc"},     {31, 0, "c0_desave"},
};

// Registers with one name for all selects, printed "name,sel" when sel != 0.
const char* cp0_r2_array_name(unsigned reg, unsigned sel) {
  switch (reg) {
    case 18: return "c0_watchlo";
    case 19: return "c0_watchhi";
    case 25: return "c0_perfcnt";
    case 27: return sel < 4 ? "c0_cacheerr" : nullptr;
    default: return nullptr;
  }
}

}  // namespace

std::string cp0_name(unsigned reg, unsigned sel, IsaLevel isa) {
  if (isa == IsaLevel::Mips64R2) {
    for (const Cp0Name& n : kCp0R2)
      if (n.reg == reg && n.sel == sel) return n.name;
    if (const char* base = cp0_r2_array_name(reg, sel))
      return sel ? fmt::format("{},{}", base, sel) : std::string(base);
  }
  return sel ? fmt::format("${},{}", reg, sel) : fmt::format("${}", reg);
}

std::string fcr_name(unsigned reg, IsaLevel isa) {
  switch (reg) {
    case 0: return "c1_fir";
    case 31: return "c1_fcsr";
    default: break;
  }
  if (isa == IsaLevel::Mips64R2) {
    switch (reg) {
      case 1: return "c1_ufr";
      case 4: return "c1_unfr";
      case 25: return "c1_fccr";
      case 26: return "c1_fexr";
      case 28: return "c1_fenr";
      default: break;
    }
  }
  return fmt::format("${}", reg);
}

std::string hwr_name(unsigned reg) {
  static const char* const named[4] = {"hwr_cpunum", "hwr_synci_step", "hwr_cc", "hwr_ccres"};
  return reg < 4 ? named[reg] : fmt::format("${}", reg);
}

}  // namespace ds::mips
