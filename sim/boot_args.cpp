// boot_args.cpp - laying out the boot-argument block (format in boot_args.h).
#include "sim/boot_args.h"

#include <fmt/format.h>

#include <stdexcept>

#include "sim/memmap.h"

namespace ds {

u64 boot_block_size(const std::vector<std::string>& argv, const std::vector<std::string>& envp) {
  u64 n = 8 * (argv.size() + 1) + 8 * (envp.size() + 1);
  for (const auto* list : {&argv, &envp})
    for (const std::string& s : *list) n += s.size() + 1;
  return n;
}

BootBlock build_boot_block(const std::vector<std::string>& argv, const std::vector<std::string>& envp,
                           bool big_endian) {
  u64 size = boot_block_size(argv, envp);
  if (size > memmap::kBootArgsSize)
    throw std::runtime_error(fmt::format("boot arguments need {} bytes, more than the {}-byte block at 0x{:x} "
                                         "(sim/memmap.h)",
                                         size, memmap::kBootArgsSize, memmap::kBootArgsBase));
  BootBlock b;
  b.bytes.assign(size, 0);
  b.argc = argv.size();
  u64 argv_off = 0, envp_off = 8 * (argv.size() + 1), str_off = envp_off + 8 * (envp.size() + 1);
  b.argv = memmap::ckseg0(memmap::kBootArgsBase + argv_off);
  b.envp = memmap::ckseg0(memmap::kBootArgsBase + envp_off);
  // Each list: its pointers at `slot`, its strings appended at str_off.
  auto place = [&](const std::vector<std::string>& list, u64 slot) {
    for (const std::string& s : list) {
      store_guest<u64>(b.bytes.data() + slot, memmap::ckseg0(memmap::kBootArgsBase + str_off), big_endian);
      slot += 8;
      std::memcpy(b.bytes.data() + str_off, s.data(), s.size());  // the NUL is already there
      str_off += s.size() + 1;
    }
    // the terminating NULL pointer is already zero
  };
  place(argv, argv_off);
  place(envp, envp_off);
  return b;
}

}  // namespace ds
