// directory.cpp - the directory's state transitions (table in directory.h).
#include "sim/numa/directory.h"

namespace ds::numa {

static_assert(static_cast<int>(DirState::Unowned) == 0, "an all-zero entry must be Unowned");

Directory::Directory(u64 ram_bytes, unsigned block_bytes)
    : ram_bytes_(ram_bytes),
      block_shift_(static_cast<unsigned>(std::countr_zero(block_bytes))),
      entries_((ram_bytes + block_bytes - 1) / block_bytes) {}

DirAction Directory::read(u64 pa, unsigned cpu, bool ifetch) {
  DirEntry& e = at(pa);
  u64 me = u64{1} << cpu;
  DirAction a;
  switch (e.state) {
    case DirState::Unowned:
      a.exclusive_grant = !ifetch;
      e.state = ifetch ? DirState::Shared : DirState::Exclusive;
      e.sharers = me;
      break;
    case DirState::Shared:
      e.sharers |= me;
      break;
    case DirState::Exclusive:
      if (e.sharers != me) {
        a.owner = std::countr_zero(e.sharers);
        e.state = DirState::Shared;
      }
      e.sharers |= me;
      break;
  }
  return a;
}

DirAction Directory::write(u64 pa, unsigned cpu) {
  DirEntry& e = at(pa);
  u64 me = u64{1} << cpu;
  DirAction a;
  a.exclusive_grant = true;
  if (e.state == DirState::Exclusive && e.sharers != me) a.owner = std::countr_zero(e.sharers);
  else if (e.state == DirState::Shared) a.invalidate = e.sharers & ~me;
  e.state = DirState::Exclusive;
  e.sharers = me;
  return a;
}

void Directory::evict(u64 pa, unsigned cpu) {
  DirEntry& e = at(pa);
  e.sharers &= ~(u64{1} << cpu);
  if (e.sharers == 0) e.state = DirState::Unowned;
}

DirAction Directory::dma_write(u64 pa) {
  DirEntry& e = at(pa);
  DirAction a;
  if (e.state == DirState::Exclusive) a.owner = std::countr_zero(e.sharers);
  else a.invalidate = e.sharers;
  e = DirEntry{};
  return a;
}

DirAction Directory::dma_read(u64 pa) {
  DirEntry& e = at(pa);
  DirAction a;
  if (e.state == DirState::Exclusive) {
    a.owner = std::countr_zero(e.sharers);
    e.state = DirState::Shared;
  }
  return a;
}

}  // namespace ds::numa
