// cpu.cpp - the fetch/execute loop and the slow paths of memory access.
#include "sim/mips/cpu.h"

#include <algorithm>

namespace ds::mips {

Cpu::Cpu(unsigned id_, Bus& bus, DecodeCache& dcache, CpuOwner& owner, bool big_endian_)
    : id(id_), big_endian(big_endian_), bus_(bus), dcache_(dcache), owner_(owner) {}

void Cpu::drop_write_page(const u8* host_page) {
  for (SoftTlb& set : stlb_)
    for (SoftTlbEntry& e : set.write)
      if (e.host == host_page) e = SoftTlbEntry{};
}

void Cpu::set_link(u64 va) {
  ll_bit = true;
  const SoftTlbEntry& e = cur_->read[stlb_index(va)];
  // The load just filled the read entry unless the page is uncacheable
  // (a device): such a link is not tracked across CPUs.
  bool mapped = e.tag == (va & ~kPageMask);
  ll_line = mapped ? e.host + ((va & kPageMask) & ~u64{Bus::kLinkLineBytes - 1}) : nullptr;
  ll_pa = mapped ? bus_.host_to_pa(e.host + (va & kPageMask)) : 0;  // read back through LLAddr
}

void Cpu::clear_link() {
  ll_bit = false;
  ll_line = nullptr;
  bus_.release(id);
}

// Empties every set; only the entries the `filled`/`victims` bitmaps name
// can hold a page, so only those are written.
void Cpu::flush_soft_tlb() {
  for (SoftTlb& set : stlb_) {
    for (unsigned w = 0; w < set.filled.size(); ++w)
      for (u64 b = set.filled[w]; b != 0; b &= b - 1) {
        unsigned i = w * 64 + static_cast<unsigned>(__builtin_ctzll(b));
        set.read[i] = set.write[i] = set.fetch[i] = SoftTlbEntry{};
      }
    for (unsigned w = 0; w < set.victims.size(); ++w)
      for (u64 b = set.victims[w]; b != 0; b &= b - 1)
        set.read_victim[w * 64 + static_cast<unsigned>(__builtin_ctzll(b))] = SoftTlbEntry{};
    set.filled = set.victims = SoftTlbBits{};
  }
  refetch();
}

void Cpu::forget_pages(u64 va, u64 bytes) {
  if (bytes == 0) return;
  u64 first = va & ~kPageMask, pages = (((va + bytes - 1) & ~kPageMask) - first) / kPageSize + 1;
  if (pages >= kSoftTlbSize) return flush_soft_tlb();
  for (u64 p = 0; p < pages; ++p) {
    u64 page = first + p * kPageSize;
    unsigned i = stlb_index(page), v = victim_index(page);
    for (SoftTlb& set : stlb_) {
      if (test_bit(set.filled, i)) {
        set.read[i] = set.write[i] = set.fetch[i] = SoftTlbEntry{};
        clear_bit(set.filled, i);
      }
      if (test_bit(set.victims, v)) {
        set.read_victim[v] = SoftTlbEntry{};
        clear_bit(set.victims, v);
      }
    }
  }
  if (fetch_page_ - first < pages * kPageSize) refetch();
}

// Runs up to `max` cycles (cycle()), in slices that end exactly at the
// owner's deadline, so the CP0 timer fires before the instruction at which
// Count reaches Compare.  An idle CPU lets the slice pass without executing.
u64 Cpu::run(u64 max) {
  if (overrun_ >= max) {  // a stall already covered this whole call
    overrun_ -= max;
    return max;
  }
  u64 done = overrun_;
  overrun_ = 0;
  while (done < max && !(pending_ & kStop)) {
    if (cycle() >= deadline) {
      deadline = ~u64{0};
      owner_.at_deadline(*this);
      if (deadline <= cycle()) deadline = ~u64{0};  // an owner must look ahead
    }
    u64 slice = std::min(max - done, deadline - cycle());
    if (pending_ & kIdle) {
      idle_cycles += slice;
      done += slice;
    } else {
      done += run_slice(slice);
    }
  }
  if (done > max) overrun_ = done - max;
  return done;
}

u64 Cpu::step() {
  if (pending_ & kStop) return 0;
  if (cycle() >= deadline) {
    deadline = ~u64{0};
    owner_.at_deadline(*this);
    if (deadline <= cycle()) deadline = ~u64{0};
  }
  if (pending_ & kIdle) {
    ++idle_cycles;
    return 1;
  }
  return run_slice(1);
}

// Takes the pending interrupt at the boundary before the next instruction:
// that instruction (or, in a delay slot, its branch) becomes EPC.
void Cpu::take_interrupt() {
  cur_pc = pc;
  in_delay = next_in_delay;
  next_in_delay = false;
  raise(Exc::Int);
  pending_ &= ~kException;
  ++exc_counts[static_cast<unsigned>(Exc::Int)];
  ++exceptions;
  owner_.take_exception(*this);
}

// Executes up to `max` instruction slots.  Per instruction: find the decoded
// slot through the fetch software TLB, re-decode if memory changed under it,
// check the mode gates, advance the PC pair, execute, then handle anything
// the instruction reported.  Leaves early on stop, yield or idle; takes a
// pending interrupt (one slot) before the next instruction.
u64 Cpu::run_slice(u64 max) {
  if (timing_) {
    if (!mix.empty()) return big_endian ? run_slice_as<true, true, true>(max) : run_slice_as<false, true, true>(max);
    return big_endian ? run_slice_as<true, false, true>(max) : run_slice_as<false, false, true>(max);
  }
  if (!mix.empty()) return big_endian ? run_slice_as<true, true, false>(max) : run_slice_as<false, true, false>(max);
  return big_endian ? run_slice_as<true, false, false>(max) : run_slice_as<false, false, false>(max);
}

// The loop itself, with the guest byte order fixed at compile time, and in
// timing mode (kTiming) the pipeline's stalls: cycles used are instruction
// slots plus the stall cycles they caused.
template <bool kBigEndian, bool kCountMix, bool kTiming>
u64 Cpu::run_slice_as(u64 max) {
  u64 done = 0;
  const u64 stall_base = stall_cycles;
  auto used = [&] { return kTiming ? done + (stall_cycles - stall_base) : done; };
  const RowTiming* rows = kTiming ? row_timing().data() : nullptr;
  u64 page_mem = ~u64{0};  // timing: RAM offset of the code page, ~0 if fetched uncached
  pending_ &= ~(kYield | kRefetch);
  fetch_page_ = ~u64{0};
  // The code page being executed, remembered across fetches while page_tag
  // matches.  Its translation stays valid until the soft TLB forgets it or
  // changes sets; both call refetch(), which resets page_tag before the
  // next instruction.
  u64 page_tag = ~u64{0};
  const u8* page_host = nullptr;
  DecodedSlot* page_slots = nullptr;
  while (used() < max) {
    // An instruction boundary with something pending.
    if (DS_UNLIKELY(pending_)) {
      if (pending_ & (kStop | kYield | kIdle)) break;
      if (pending_ & kRefetch) {  // forget the code page (its translation may have changed)
        pending_ &= ~kRefetch;
        page_tag = ~u64{0};
        fetch_page_ = ~u64{0};
      }
      if (pending_ & kInterrupt) {
        take_interrupt();
        ++done;
        continue;
      }
    }
    // Instructions back to back until one reports something (then the
    // boundary check above runs again) or the slice is used up.
    do {
      u64 fetch_pc = pc;
      cur_pc = fetch_pc;
      in_delay = next_in_delay;
      next_in_delay = false;

      // The tag compare keeps the two low PC bits, so a misaligned PC misses
      // and fetch_slow raises AdEL.
      u64 tag = fetch_pc & ~(kPageMask & ~u64{3});
      if (DS_UNLIKELY(tag != page_tag)) {
        SoftTlbEntry& e = cur_->fetch[stlb_index(fetch_pc)];
        bool uncached = false;
        if (e.tag != tag && !fetch_slow(fetch_pc, e, uncached)) {
          pending_ &= ~kException;
          ++exc_counts[static_cast<unsigned>(exc.code)];
          ++exceptions;
          owner_.take_exception(*this);  // fetch fault: EPC is this instruction
          ++done;
          break;
        }
        page_tag = e.tag;  // ~0 for an uncacheable page: looked up every time
        fetch_page_ = fetch_pc & ~kPageMask;
        page_host = e.host;
        page_slots = e.code->slot.data();
        if constexpr (kTiming) page_mem = uncached ? ~u64{0} : timing_->ram_offset(page_host);
      }
      unsigned off = fetch_pc & kPageMask;
      if constexpr (kTiming) {
        if (DS_LIKELY(page_mem != ~u64{0})) timing_->fetch(page_mem + off, cycle());
      }
      u32 raw = load_guest<u32>(page_host + off, kBigEndian);
      DecodedSlot& s = page_slots[off >> 2];
      if (DS_UNLIKELY(s.raw != raw)) decode_into(s, raw);
      if constexpr (kTiming) {
        const RowTiming& rt = rows[s.flags >> kRowIdShift];
        if (rt.unit != RowTiming::None) timing_->issue(rt, raw, cycle());
      }

      pc = npc;
      npc += 4;
      if (DS_LIKELY(!in_delay && !(s.flags & kEndsRun) && page_tag != ~u64{0})) {
        // A run (see run_straight): this instruction and the ones after it
        // on this page.  Not on an uncacheable code page, whose every fetch
        // is translated (and, in the timing model, charged) again.
        if (!run_straight<kBigEndian, kCountMix, kTiming>(s, raw, off, page_host, page_slots, page_mem, done,
                                                          max, stall_base))
          continue;  // the run ended at an instruction it does not execute
      } else {
        if (DS_UNLIKELY(s.flags & forbidden))
          gate_closed(s.flags & forbidden);
        else
          s.fn(*this, Insn{raw});
        gpr[0] = 0;  // writes to $zero are discarded here, not in every semantic body
        ++done;
        if constexpr (kCountMix) ++mix[s.flags >> kRowIdShift];
      }

      if (DS_UNLIKELY(pending_)) {
        if (pending_ & kException) {
          pending_ &= ~kException;
          // The faulting instruction did not complete: drop the delay-slot
          // state it may have set; the owner decides where execution resumes.
          next_in_delay = false;
          ++exc_counts[static_cast<unsigned>(exc.code)];
          ++exceptions;
          owner_.take_exception(*this);
        } else {
          ++insns;
        }
        break;
      }
      ++insns;
    } while (used() < max);
  }
  return used();
}

// A run: executes the instruction the loop just fetched (slot `s`, word
// `raw` at `cur_pc`, page offset `off`, outside a delay slot) and then the
// instructions that follow it on the same code page - through branches,
// their delay slots and their targets, as long as these stay on the page -
// until a CP0 instruction (which may change the mode, the translation or
// the pc: kEndsRun), the end of the slice, or an instruction that reports
// something.
//
// Why this is exact: each instruction is fetched (raw word compared with
// its slot), timed and executed as by the loop, in the same order.  What
// the run saves is bookkeeping: the address of the instruction is kept in a
// register, and pc, npc, cur_pc and in_delay are written only where they
// can be read - before a branch or jump executes (it reads pc and writes
// npc), around a delay slot, and when the run ends.  Nothing else reads
// them while an instruction executes: exceptions and the owner act after
// the run has ended.  Outside a delay slot npc is always pc + 4.  The code
// page stays valid: whatever changes a translation sets pending_ (refetch),
// which ends the run after that instruction.
//
// Returns true when an instruction reported something (pending_): cur_pc,
// in_delay, pc and npc are then exactly as the loop leaves them, and the
// caller finishes the instruction (++insns or the exception).  Returns false
// when the run stopped before an instruction it does not execute: pc, npc
// and next_in_delay say where the loop goes on.
template <bool kBigEndian, bool kCountMix, bool kTiming>
[[gnu::always_inline]] inline bool Cpu::run_straight(const DecodedSlot& first, u32 raw, unsigned off,
                                                     const u8* page_host, DecodedSlot* page_slots, u64 page_mem,
                                                     u64& done, u64 max, u64 stall_base) {
  const DecodedSlot* s = &first;
  const RowTiming* rows = kTiming ? row_timing().data() : nullptr;
  auto exhausted = [&] { return (kTiming ? done + (stall_cycles - stall_base) : done) >= max; };
  // Fetches, decodes if memory changed, and times the instruction at page
  // offset `o`; null if it ends runs (then nothing was timed).
  auto fetch = [&](unsigned o, u32& w) -> const DecodedSlot* {
    w = load_guest<u32>(page_host + o, kBigEndian);
    DecodedSlot& d = page_slots[o >> 2];
    if (DS_UNLIKELY(d.raw != w)) decode_into(d, w);
    if (DS_UNLIKELY(d.flags & kEndsRun)) return nullptr;
    if constexpr (kTiming) {
      if (DS_LIKELY(page_mem != ~u64{0})) timing_->fetch(page_mem + o, cycle());
      const RowTiming& rt = rows[d.flags >> kRowIdShift];
      if (rt.unit != RowTiming::None) timing_->issue(rt, w, cycle());
    }
    return &d;
  };
  auto execute = [&](const DecodedSlot& d, u32 w) {
    if (DS_UNLIKELY(d.flags & forbidden))
      gate_closed(d.flags & forbidden);
    else
      d.fn(*this, Insn{w});
    gpr[0] = 0;
    ++done;
    if constexpr (kCountMix) ++mix[d.flags >> kRowIdShift];
  };
  u64 a = cur_pc;
  const u64 page = a & ~kPageMask;
  for (;;) {
    u64 next;
    if (DS_LIKELY(!(s->flags & (kBranch | kJump | kLikely)))) {
      execute(*s, raw);
      if (DS_UNLIKELY(pending_)) {
        cur_pc = a, pc = a + 4, npc = a + 8;
        return true;
      }
      ++insns;
      next = a + 4;
    } else {
      cur_pc = a, pc = a + 4, npc = a + 8;  // what a branch reads (pc) and changes (npc)
      execute(*s, raw);
      if (DS_UNLIKELY(pending_)) return true;
      ++insns;
      if (!next_in_delay) {
        next = pc;  // a branch-likely not taken skipped its delay slot
      } else {
        // The delay slot, on this page (a branch in the last word leaves it to the loop).
        u32 w;
        const DecodedSlot* d = nullptr;
        if (DS_UNLIKELY(off + 4 == kPageSize) || exhausted() || !(d = fetch(off + 4, w))) return false;
        in_delay = true, next_in_delay = false;
        cur_pc = a + 4;
        next = npc;
        pc = next, npc = next + 4;
        execute(*d, w);
        if (DS_UNLIKELY(pending_)) return true;
        ++insns;
        in_delay = false;
      }
    }
    // Go on at `next` if it is on this page (and aligned).
    if (DS_UNLIKELY((next & ~(kPageMask & ~u64{3})) != page) || exhausted()) {
      pc = next, npc = next + 4;
      return false;
    }
    a = next;
    off = static_cast<unsigned>(a & kPageMask);
    if (DS_UNLIKELY(!(s = fetch(off, raw)))) {
      pc = a, npc = a + 4;
      return false;
    }
  }
}

// Chooses the exception for an instruction whose gate is closed in this mode.
void Cpu::gate_closed(u32 closed) {
  if (closed & kGateCp0)
    raise(Exc::CpU, 0, 0);
  else if (closed & (kGateCp1 | kGateCp1x) && (forbidden & kGateCp1))
    raise(Exc::CpU, 0, 1);
  else
    raise(Exc::RI);
}

bool Cpu::fetch_slow(u64 va, SoftTlbEntry& e, bool& uncached) {
  if (va & 3) {
    raise(Exc::AdEL, va);
    return false;
  }
  Translation t;
  if (!owner_.translate(*this, va, Access::Fetch, t)) return false;
  u8* host = bus_.ram_page(t.pa);
  if (!host) {  // fetching from a device or from nowhere
    raise(Exc::IBE, va);
    return false;
  }
  // In timing mode an uncached fetch costs the uncached latency, every time.
  uncached = timing_ && t.uncached;
  if (uncached) timing_->uncached();
  // An uncacheable translation is used for this fetch only: its tag never matches.
  e = SoftTlbEntry{t.cacheable && !uncached ? va & ~kPageMask : ~u64{0}, host, dcache_.page(host)};
  set_bit(cur_->filled, stlb_index(va));
  return true;
}

// Puts the read page va -> host into the read set, moving the page it
// displaces to the victim table.
void Cpu::fill_read_entry(u64 va, u8* host) {
  SoftTlbEntry& e = cur_->read[stlb_index(va)];
  SoftTlbEntry old = e;
  e = SoftTlbEntry{va & ~kPageMask, host, nullptr};
  set_bit(cur_->filled, stlb_index(va));
  if (old.tag != ~u64{0} && old.tag != e.tag) {
    cur_->read_victim[victim_index(old.tag)] = old;
    set_bit(cur_->victims, victim_index(old.tag));
  }
}

namespace {
// A guest access of `size` bytes at `p` (the soft TLB's host page + offset).
u64 load_sized(const u8* p, unsigned size, bool be) {
  switch (size) {
    case 1: return load_guest<u8>(p, be);
    case 2: return load_guest<u16>(p, be);
    case 4: return load_guest<u32>(p, be);
    default: return load_guest<u64>(p, be);
  }
}
void store_sized(u8* p, unsigned size, u64 v, bool be) {
  switch (size) {
    case 1: return store_guest<u8>(p, static_cast<u8>(v), be);
    case 2: return store_guest<u16>(p, static_cast<u16>(v), be);
    case 4: return store_guest<u32>(p, static_cast<u32>(v), be);
    default: return store_guest<u64>(p, v, be);
  }
}
}  // namespace

// As the inline fast path, for an access it left alone: a hit in the timing
// model is timed first, then made; a miss goes to access_slow.
Cpu::SlowLoad Cpu::load_slow(u64 va, unsigned size) {
  const SoftTlbEntry& e = cur_->read[stlb_index(va)];
  if (e.tag == (va & ~(kPageMask & ~u64{size - 1}))) {
    if (timing_ != nullptr) timing_->data(e.host + (va & kPageMask), false, cycle());
    return {load_sized(e.host + (va & kPageMask), size, big_endian), true};
  }
  u64 v = 0;
  bool ok = access_slow(va, size, Access::Load, v);
  return {v, ok};
}

bool Cpu::store_slow(u64 va, unsigned size, u64 value) {
  const SoftTlbEntry& e = cur_->write[stlb_index(va)];
  if (e.tag == (va & ~(kPageMask & ~u64{size - 1}))) {
    if (timing_ != nullptr) timing_->data(e.host + (va & kPageMask), true, cycle());
    store_sized(e.host + (va & kPageMask), size, value, big_endian);
    return true;
  }
  return access_slow(va, size, Access::Store, value);
}

bool Cpu::access_slow(u64 va, unsigned size, Access access, u64& value) {
  if (va & (size - 1)) {  // the fast path sends misaligned addresses here
    raise(access == Access::Store ? Exc::AdES : Exc::AdEL, va);
    return false;
  }
  Translation t;
  u8* victim_host = nullptr;
  if (access == Access::Load) {  // a read page displaced by a conflict: no translation needed
    const SoftTlbEntry& v = cur_->read_victim[victim_index(va)];
    if (v.tag == (va & ~kPageMask)) victim_host = v.host;
  }
  if (!victim_host && !owner_.translate(*this, va, access, t)) return false;
  if (u8* host = victim_host ? victim_host : bus_.ram_page(t.pa)) {
    unsigned off = va & kPageMask;
    bool cache = victim_host || t.cacheable;
    if (timing_) {  // the soft TLB remembers only cached pages, so their fast path can time them
      if (!victim_host && t.uncached) {
        cache = false;
        timing_->uncached();
      } else {
        timing_->data(host + off, access == Access::Store, cycle());
      }
    }
    if (access == Access::Store && bus_.has_reservations()) {
      bus_.note_store(host + off, size, id);  // may break another CPU's LL/SC link
      cache = cache && !bus_.page_reserved(host);
    }
    if (cache && access == Access::Store) {
      cur_->write[stlb_index(va)] = SoftTlbEntry{va & ~kPageMask, host, nullptr};
      set_bit(cur_->filled, stlb_index(va));
    }
    else if (cache)
      fill_read_entry(va, host);
    switch (size) {
      case 1:
        if (access == Access::Store) store_guest<u8>(host + off, static_cast<u8>(value), big_endian);
        else value = load_guest<u8>(host + off, big_endian);
        break;
      case 2:
        if (access == Access::Store) store_guest<u16>(host + off, static_cast<u16>(value), big_endian);
        else value = load_guest<u16>(host + off, big_endian);
        break;
      case 4:
        if (access == Access::Store) store_guest<u32>(host + off, static_cast<u32>(value), big_endian);
        else value = load_guest<u32>(host + off, big_endian);
        break;
      default:
        if (access == Access::Store) store_guest<u64>(host + off, value, big_endian);
        else value = load_guest<u64>(host + off, big_endian);
        break;
    }
    return true;
  }
  if (timing_) timing_->uncached();
  if (access != Access::Store) ++nondet_reads;
  bool ok = access == Access::Store ? bus_.mmio_write(t.pa, size, id, value)
                                    : bus_.mmio_read(t.pa, size, id, value);
  if (!ok) raise(Exc::DBE, va);
  return ok;
}

}  // namespace ds::mips

namespace ds::mips {

// CACHE: Index operations name a cache slot by the address's index bits;
// Hit operations name a line by its physical address, found through the TLB.
// A Hit operation on an address with no valid translation does nothing (the
// R10000 would take a TLB exception; the functional model, without caches,
// cannot, so neither does the timing model: both stay architecturally equal).
void Cpu::cache_op(unsigned op, u64 va) {
  if (!timing_) return;
  u64 mem = 0;  // the line's RAM offset: the memory system's address (timing.h)
  if ((op >> 2) >= 4) {  // Hit operations
    Translation t;
    bool ok = translate_quietly(va, Access::Load, t);
    const u8* page = ok ? bus_.ram_page(t.pa) : nullptr;
    if (!page) return;
    mem = timing_->ram_offset(page) + (t.pa & kPageMask);
  }
  timing_->memory().cache_instruction(id, op, va, mem);
}

}  // namespace ds::mips

namespace ds::mips {

bool Cpu::translate_quietly(u64 va, Access access, Translation& out) {
  PendingException saved = exc;
  u32 before = pending_;
  bool ok = owner_.translate(*this, va, access, out);
  exc = saved;
  pending_ = before;
  return ok;
}

}  // namespace ds::mips
