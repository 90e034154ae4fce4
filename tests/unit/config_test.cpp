// config_test.cpp - machine descriptions: defaults, sizes, and the one-line
// errors a malformed file must produce.
#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/config.h"

namespace ds {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "t.toml");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Config, ParsesAFullDescription) {
  MachineConfig c = parse_config(
      "[machine]\nnodes = 4\ncpus_per_node = 2\nmemory_per_node = \"32M\"\nendian = \"little\"\n"
      "[run]\nquantum = 50\nmax_instructions = 1000\n",
      "t.toml");
  EXPECT_EQ(c.nodes, 4u);
  EXPECT_EQ(c.num_cpus(), 8u);
  EXPECT_EQ(c.memory_per_node, 32ull << 20);
  EXPECT_FALSE(c.big_endian);
  EXPECT_EQ(c.quantum, 50u);
  EXPECT_EQ(c.max_instructions, 1000u);
}

TEST(Config, EmptyFileGivesDefaults) {
  MachineConfig c = parse_config("", "t.toml");
  EXPECT_EQ(c.num_cpus(), 1u);
  EXPECT_TRUE(c.big_endian);
}

TEST(Config, SizesTakeSuffixes) {
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_EQ(parse_size("8K"), 8192u);
  EXPECT_EQ(parse_size("2G"), 2ull << 30);
  EXPECT_THROW(parse_size("12Q"), std::runtime_error);
  EXPECT_THROW(parse_size("M"), std::runtime_error);
}

TEST(Config, RamAboveTheIoWindowIsAccepted) {
  MachineConfig c = parse_config("[machine]\nnodes = 8\nmemory_per_node = \"1G\"\n", "t.toml");
  EXPECT_EQ(c.memory_per_node * c.nodes, 8ull << 30);
  // The largest machine: its last byte is the last physical address.
  EXPECT_EQ(error_of("[machine]\nmemory_per_node = \"" + std::to_string((1ull << 40) - (16ull << 20)) + "\"\n"), "");
  EXPECT_NE(error_of("[machine]\nmemory_per_node = \"" + std::to_string((1ull << 40) - (16ull << 20) + 4096) + "\"\n"),
            "");
}

TEST(Config, IsaLevel) {
  EXPECT_EQ(parse_config("", "t.toml").isa, mips::IsaLevel::Mips4);
  EXPECT_EQ(parse_config("[machine]\nisa = \"mips4\"\n", "t.toml").isa, mips::IsaLevel::Mips4);
  EXPECT_EQ(parse_config("[machine]\nisa = \"r2\"\n", "t.toml").isa, mips::IsaLevel::Mips64R2);
  EXPECT_EQ(error_of("[machine]\nisa = \"mips64r2\"\n"), "t.toml: isa must be \"mips4\" or \"r2\"");
  EXPECT_EQ(error_of("[machine]\nisa = 2\n"), "t.toml: isa must be \"mips4\" or \"r2\"");
}

TEST(Config, BootArguments) {
  MachineConfig c = parse_config("[boot]\nargs = [\"root=0\", \"--\", \"a\"]\nenv = [\"HOME=/\", \"X=\"]\n", "t.toml");
  EXPECT_EQ(c.boot_args, (std::vector<std::string>{"root=0", "--", "a"}));
  EXPECT_EQ(c.boot_env, (std::vector<std::string>{"HOME=/", "X="}));
  EXPECT_TRUE(parse_config("", "t.toml").boot_args.empty());
  EXPECT_EQ(error_of("[boot]\nargs = [\"a\", 1]\n"), "t.toml: [boot] args must be an array of strings");
  EXPECT_EQ(error_of("[boot]\nargs = \"a\"\n"), "t.toml: [boot] args must be an array of strings");
  EXPECT_EQ(error_of("[boot]\nenv = [[\"A=1\"]]\n"), "t.toml: [boot] env must be an array of strings");
  EXPECT_EQ(error_of("[boot]\nenv = [\"=1\"]\n"), "t.toml: [boot] env entries must be NAME=VALUE, not '=1'");
  EXPECT_EQ(error_of("[boot]\ncmdline = \"x\"\n"), "t.toml: unknown key 'cmdline' in [boot]");
  EXPECT_EQ(error_of("boot = 3\n"), "t.toml: [boot] must be a table");
}

TEST(Config, ErrorsNameTheFileAndTheProblem) {
  EXPECT_EQ(error_of("[machine]\nnodez = 2\n"), "t.toml: unknown key 'nodez' in [machine]");
  EXPECT_EQ(error_of("[machine]\nendian = \"middle\"\n"), "t.toml: endian must be \"big\" or \"little\"");
  EXPECT_EQ(error_of("[machine]\nnodes = 0\n"), "t.toml: nodes and cpus_per_node must be at least 1");
  EXPECT_EQ(error_of("[machine]\nmemory_per_node = \"1024G\"\nnodes = 1\n"),
            "t.toml: total memory exceeds 1 TiB - 16 MiB: the top of RAM must stay below 2^40 (see sim/memmap.h)");
  // 64 x 16 GiB would overflow a naive product; 8 x 128 GiB is exactly 2^40, 16 MiB too much.
  EXPECT_NE(error_of("[machine]\nmemory_per_node = \"16G\"\nnodes = 64\n"), "");
  EXPECT_NE(error_of("[machine]\nmemory_per_node = \"128G\"\nnodes = 8\n"), "");
  EXPECT_NE(error_of("[machine\n").find("t.toml:1:"), std::string::npos);
  EXPECT_EQ(error_of("[machine]\nnodes = -1\n"), "t.toml: 'nodes' must be a non-negative integer");
}

}  // namespace
}  // namespace ds

namespace ds {
namespace {

TEST(Config, DisksResolveRelativeToTheConfigFile) {
  MachineConfig c = parse_config(
      "[[disk]]\nimage = \"root.img\"\n[[disk]]\nimage = \"/abs/data.img\"\nwritable = true\n"
      "[disk_timing]\ncommand_us = 100\nmb_per_s = 40\n[machine]\nclock_mhz = 150\n",
      "configs/x.toml");
  ASSERT_EQ(c.disks.size(), 2u);
  EXPECT_EQ(c.disks[0].image, "configs/root.img");
  EXPECT_FALSE(c.disks[0].writable);
  EXPECT_EQ(c.disks[1].image, "/abs/data.img");
  EXPECT_TRUE(c.disks[1].writable);
  EXPECT_EQ(c.disk_command_us, 100u);
  EXPECT_EQ(c.disk_mb_per_s, 40u);
  EXPECT_EQ(c.clock_mhz, 150u);
}

TEST(Config, MalformedDisksAreErrors) {
  EXPECT_EQ(error_of("[[disk]]\nwritable = true\n"), "t.toml: every [[disk]] needs an image = \"path\"");
  EXPECT_EQ(error_of("[[disk]]\nimage = \"a\"\nwritable = \"yes\"\n"), "t.toml: writable must be true or false");
  EXPECT_EQ(error_of("disk = 3\n"), "t.toml: disks are given as [[disk]] tables");
  EXPECT_EQ(error_of("[[disk]]\nimage = \"a\"\nsize = 3\n"), "t.toml: unknown key 'size' in [[disk]]");
}

TEST(Config, CpuModelSwitchAndMemory) {
  MachineConfig c = parse_config(
      "[run]\ncpu_model = \"timing\"\ntiming_at_phase = 3\ntiming_at_instructions = 500\nwarm_caches = true\n"
      "[memory]\nmodel = \"uma\"\nlocal_ns = 250\nuncached_ns = 400\n",
      "t.toml");
  EXPECT_EQ(c.cpu_model, CpuModel::Timing);
  ASSERT_TRUE(c.timing_at_phase.has_value());
  EXPECT_EQ(*c.timing_at_phase, 3u);
  EXPECT_EQ(c.timing_at_instructions, 500u);
  EXPECT_TRUE(c.warm_caches);
  EXPECT_EQ(c.memory.model, numa::MemoryModel::Uma);
  EXPECT_EQ(c.memory.local_ns, 250u);
  EXPECT_EQ(c.memory.uncached_ns, 400u);
  MachineConfig d = parse_config("", "t.toml");
  EXPECT_EQ(d.cpu_model, CpuModel::Functional);
  EXPECT_FALSE(d.timing_at_phase.has_value());
}

TEST(Config, TimingErrorsAreOneLine) {
  EXPECT_EQ(error_of("[run]\ncpu_model = \"fast\"\n"), "t.toml: cpu_model must be \"functional\" or \"timing\"");
  EXPECT_EQ(error_of("[run]\nwarm_caches = 1\n"), "t.toml: warm_caches must be true or false");
  EXPECT_EQ(error_of("[memory]\nlocal_nss = 3\n"), "t.toml: unknown key 'local_nss' in [memory]");
  EXPECT_EQ(error_of("memory = 3\n"), "t.toml: [memory] must be a table");
  EXPECT_EQ(error_of("[machine]\nnodes = 65\nmemory_per_node = \"4M\"\n"),
            "t.toml: at most 64 CPUs are supported (one directory bit each)");
}

// [[vm]] tables become the Disco monitor's boot words (sim/vm_config.h),
// after [boot] args, one VM after another.
TEST(Config, VmTablesBecomeMonitorBootWords) {
  const std::string disks = "[[disk]]\nimage = \"k.img\"\n[[disk]]\nimage = \"a.img\"\n[[disk]]\nimage = \"b.img\"\n";
  MachineConfig c = parse_config(disks + "[boot]\nargs = [\"mon.stats=1\"]\n"
                                         "[[vm]]\nkernel_disk = 0\ndisks = [1, 2]\nvcpus = 2\nmemory = \"64M\"\n"
                                         "args = [\"root=0\", \"init=/bin/sh\"]\n"
                                         "[[vm]]\nkernel_disk = 0\nlimit = 5000\n",
                                 "t.toml");
  EXPECT_EQ(c.boot_args, (std::vector<std::string>{"mon.stats=1", "vm0.kernel=0", "vm0.vcpus=2", "vm0.mem=64M",
                                                   "vm0.disks=1,2", "vm0.args=root=0 init=/bin/sh", "vm1.kernel=0",
                                                   "vm1.vcpus=1", "vm1.limit=5000"}));
}

TEST(Config, VmTablesAreChecked) {
  const std::string disk = "[[disk]]\nimage = \"k.img\"\n";
  EXPECT_EQ(error_of(disk + "[[vm]]\nvcpus = 1\n"), "t.toml: [[vm]] 0 needs kernel_disk = N (the [[disk]] holding its kernel)");
  EXPECT_EQ(error_of(disk + "[[vm]]\nkernel_disk = 3\n"), "t.toml: [[vm]] 0: disk indices must name [[disk]] tables (0..0)");
  EXPECT_EQ(error_of(disk + "[[vm]]\nkernel_disk = 0\ncolour = 1\n"), "t.toml: unknown key 'colour' in [[vm]] 0");
  EXPECT_EQ(error_of(disk + "[[vm]]\nkernel_disk = 0\nargs = [\"a b\"]\n"),
            "t.toml: [[vm]] 0: args must be non-empty strings without spaces (the monitor splits at spaces)");
  EXPECT_EQ(error_of(disk + "[[vm]]\nkernel_disk = 0\nvcpus = 0\n"), "t.toml: [[vm]] 0: vcpus must be 1..32");
  EXPECT_EQ(error_of(disk + "[[vm]]\nkernel_disk = 0\nmemory = \"lots\"\n"),
            "t.toml: [[vm]] 0: memory: malformed size 'lots'");
  EXPECT_EQ(error_of("vm = 3\n" + disk), "t.toml: virtual machines are given as [[vm]] tables");
}

}  // namespace
}  // namespace ds
