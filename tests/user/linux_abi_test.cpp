// linux_abi_test.cpp - the runner's view of the n64 ABI (sim/user/linux_abi.h,
// built from abi/linux_n64.h): syscall and signal names, host-to-MIPS errno
// and open-flag translation, default signal actions.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sim/user/linux_abi.h"
#include "sim/user/syscalls.h"

namespace ds::user {
namespace {

TEST(LinuxAbi, SyscallNamesComeFromTheN64Table) {
  EXPECT_STREQ(syscall_name(5000), "read");
  EXPECT_STREQ(syscall_name(nr::openat), "openat");
  EXPECT_STREQ(syscall_name(5055), "clone");
  EXPECT_STREQ(syscall_name(5450), "set_mempolicy_home_node");
  EXPECT_EQ(syscall_name(5238), nullptr);  // unassigned on n64
  EXPECT_EQ(syscall_name(5400), nullptr);  // the gap between 328 and 424
  EXPECT_EQ(syscall_name(4999), nullptr);
  EXPECT_EQ(syscall_name(5451), nullptr);
}

TEST(LinuxAbi, EveryHandlerSitsOnANamedN64Number) {
  int handled = 0;
  for (u64 n = nr::kBase; n < nr::kBase + nr::kCount; ++n) {
    if (!find_syscall(n)) continue;
    ++handled;
    EXPECT_NE(syscall_name(n), nullptr) << n;
    EXPECT_EQ(find_syscall(n)->number, n);
  }
  EXPECT_GT(handled, 100);
}

TEST(LinuxAbi, HostErrnoBecomesTheMipsValueOfTheSameName) {
  EXPECT_EQ(mips_errno(EPERM), 1);
  EXPECT_EQ(mips_errno(ENOSYS), 89);        // 38 on the host
  EXPECT_EQ(mips_errno(ENOTEMPTY), 93);     // 39
  EXPECT_EQ(mips_errno(ENAMETOOLONG), 78);  // 36
  EXPECT_EQ(mips_errno(ELOOP), 90);         // 40
  EXPECT_EQ(mips_errno(ETIMEDOUT), 145);    // 110
  EXPECT_EQ(mips_errno(EHOSTUNREACH), 148);
  EXPECT_EQ(mips_errno(EDQUOT), 1133);
  EXPECT_EQ(mips_errno(EWOULDBLOCK), 11);   // host alias of EAGAIN
  EXPECT_EQ(mips_errno(ENOTSUP), 122);      // host alias of EOPNOTSUPP
  EXPECT_EQ(mips_errno(EDEADLOCK), 45);     // host alias of EDEADLK; MIPS EDEADLOCK is 56
  EXPECT_EQ(mips_errno(0), err::kEINVAL);
  EXPECT_EQ(mips_errno(100000), err::kEINVAL);
  // Every named host errno lands on the MIPS errno of the same name.
#define NAME_OF(name, value) \
  if (v == value) mips_name = #name;
  for (int h = 1; h < 200; ++h) {
    const char* host = strerrorname_np(h);
    if (!host) continue;
    i64 v = mips_errno(h);
    std::string mips_name;
    LINUX_ERRNOS(NAME_OF)
    if (std::string(host) == "EDEADLOCK" || std::string(host) == "EWOULDBLOCK" || std::string(host) == "ENOTSUP")
      continue;  // aliases, checked above
    EXPECT_EQ(mips_name, host) << "host errno " << h;
  }
#undef NAME_OF
}

TEST(LinuxAbi, OpenFlagsTranslateBothWays) {
  EXPECT_EQ(host_open_flags(LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC), O_WRONLY | O_CREAT | O_TRUNC);
  EXPECT_EQ(host_open_flags(0x100 | 0x80000), O_CREAT | O_CLOEXEC);  // MIPS O_CREAT, O_CLOEXEC
  EXPECT_EQ(guest_open_flags(O_RDWR | O_APPEND | O_NONBLOCK), 0x2u | 0x8 | 0x80);
  EXPECT_EQ(guest_open_flags(O_DIRECTORY | O_NOFOLLOW), 0x10000u | 0x20000);
}

TEST(LinuxAbi, SignalNamesAndDefaultActionsFollowMipsNumbering) {
  EXPECT_STREQ(signal_name(10), "SIGBUS");
  EXPECT_STREQ(signal_name(18), "SIGCHLD");
  EXPECT_STREQ(signal_name(23), "SIGSTOP");
  EXPECT_STREQ(signal_name(7), "SIGEMT");
  EXPECT_STREQ(signal_name(40), "SIG40");
  EXPECT_EQ(default_action(kSIGSEGV), LINUX_SIGACT_CORE);
  EXPECT_EQ(default_action(kSIGCHLD), LINUX_SIGACT_IGN);
  EXPECT_EQ(default_action(kSIGTSTP), LINUX_SIGACT_STOP);
  EXPECT_EQ(default_action(kSIGCONT), LINUX_SIGACT_CONT);
  EXPECT_EQ(default_action(kSIGUSR1), LINUX_SIGACT_TERM);
  EXPECT_EQ(default_action(LINUX_SIGRTMIN + 2), LINUX_SIGACT_TERM);
}

}  // namespace
}  // namespace ds::user
