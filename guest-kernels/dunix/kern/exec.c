/* exec.c - execve: replace the calling process's program with an ELF file.
 *
 * Steps: collect argv and envp into a kernel buffer; resolve "#!" scripts;
 * check the ELF header (64-bit, MIPS, our byte order, a static executable);
 * build a new address space whose PT_LOAD segments map the file (pages come
 * in on demand, kern/fault.c), a stack and the signal trampoline page; then
 * - past the point of no return - switch to it, lay out the initial stack
 * the way the Linux n64 ABI's _start expects it:
 *
 *   sp ->  argc | argv[0..argc-1] | NULL | envp[..] | NULL | auxv pairs | AT_NULL
 *          ... then the strings and AT_RANDOM's 16 bytes, higher up
 *
 * and point the trapframe at the entry. */
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"

void vfork_release(struct task *t);
int vm_install_page(struct vmspace *vm, u64 va, void *kva);

#define ARGBUF_ORDER 6           /* 256 KiB = MAXARG */
#define MAX_SHEBANG 4

struct elf64_ehdr {
  u8 ident[16];
  u16 type, machine;
  u32 version;
  u64 entry, phoff, shoff;
  u32 flags;
  u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf64_phdr {
  u32 type, flags;
  u64 offset, vaddr, paddr, filesz, memsz, align;
};
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define EM_MIPS 8
#define ET_EXEC 2
#define ET_DYN 3
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ELFDATA_OURS 2
#else
#define ELFDATA_OURS 1
#endif

/* The argument strings, packed: nargs NUL-terminated strings then nenv more. */
struct args {
  char *buf;
  u64 len;
  int nargs, nenv;
};

static int push_string(struct args *a, const char *s, u64 n) {
  if (a->len + n + 1 > MAXARG) return -LINUX_E2BIG;
  memcpy(a->buf + a->len, s, n);
  a->buf[a->len + n] = 0;
  a->len += n + 1;
  return 0;
}

/* Appends the strings of a user (uvec) or kernel (kvec) NULL-terminated vector. */
static int collect(struct args *a, uaddr_t uvec, char *const *kvec, int *count) {
  for (int i = 0;; i++) {
    if (kvec) {
      if (!kvec[i]) return 0;
      int r = push_string(a, kvec[i], strlen(kvec[i]));
      if (r) return r;
    } else {
      if (!uvec) return 0;
      u64 p;
      if (copy_from_user(&p, uvec + 8 * (u64)i, 8) < 0) return -LINUX_EFAULT;
      if (!p) return 0;
      long n = strncpy_from_user(a->buf + a->len, p, MAXARG - a->len);
      if (n == -LINUX_ENAMETOOLONG) return -LINUX_E2BIG;
      if (n < 0) return (int)n;
      a->len += (u64)n + 1;
    }
    (*count)++;
  }
}

/* "#!interp [arg]": argv becomes interp [arg] path argv[1..]. */
static int shebang(struct args *a, const char *path, const char *line, u64 n, char *interp) {
  const char *p = line + 2, *end = line + n;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  const char *i0 = p;
  while (p < end && *p != ' ' && *p != '\t' && *p != '\n') p++;
  u64 ilen = (u64)(p - i0);
  if (!ilen || ilen >= MAXPATH) return -LINUX_ENOEXEC;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  const char *a0 = p;
  while (p < end && *p != '\n') p++;
  const char *a1 = p;
  while (a1 > a0 && (a1[-1] == ' ' || a1[-1] == '\t')) a1--;
  if (p == end && n == 128) return -LINUX_ENOEXEC;   /* line too long */
  memcpy(interp, i0, ilen);
  interp[ilen] = 0;
  /* Rebuild: skip the old argv[0]. */
  char *old = a->buf;
  u64 old_len = a->len;
  char *skip = old;
  if (a->nargs > 0) skip += strlen(old) + 1;
  char *nb = pages_alloc(ARGBUF_ORDER);
  if (!nb) return -LINUX_ENOMEM;
  struct args na = {.buf = nb};
  int r = push_string(&na, interp, ilen);
  if (!r && a1 > a0) r = push_string(&na, a0, (u64)(a1 - a0)), na.nargs++;
  if (!r) r = push_string(&na, path, strlen(path));
  if (!r && na.len + (old_len - (u64)(skip - old)) > MAXARG) r = -LINUX_E2BIG;
  if (r) {
    pages_free(nb, ARGBUF_ORDER);
    return r;
  }
  memcpy(nb + na.len, skip, old_len - (u64)(skip - old));
  na.len += old_len - (u64)(skip - old);
  na.nargs += 2 + (a->nargs > 0 ? a->nargs - 1 : 0);
  na.nenv = a->nenv;
  pages_free(old, ARGBUF_ORDER);
  *a = na;
  return 0;
}

static u32 prot_of(u32 pflags) {
  return (pflags & PF_R ? VMA_READ : 0) | (pflags & PF_W ? VMA_WRITE : 0) | (pflags & PF_X ? VMA_EXEC : 0);
}

/* Maps the PT_LOAD segments; sets *brk to the end of the highest one. */
static int load_segments(struct vmspace *vm, struct inode *ip, struct elf64_phdr *ph, int n, u64 *brk,
                         u64 *phdr_va, u64 phoff) {
  *brk = 0;
  for (int i = 0; i < n; i++) {
    if (ph[i].type == PT_PHDR) *phdr_va = ph[i].vaddr;
    if (ph[i].type != PT_LOAD || !ph[i].memsz) continue;
    if (ph[i].filesz > ph[i].memsz || ph[i].vaddr + ph[i].memsz < ph[i].vaddr ||
        ph[i].vaddr + ph[i].memsz > USER_STACK_TOP - USER_STACK_MAX ||
        (ph[i].vaddr & (PAGE_SIZE - 1)) != (ph[i].offset & (PAGE_SIZE - 1)) || ph[i].vaddr < USER_MIN)
      return -LINUX_ENOEXEC;
    u64 start = ROUNDDOWN(ph[i].vaddr, PAGE_SIZE);
    u64 off = ROUNDDOWN(ph[i].offset, PAGE_SIZE);
    u64 file_len = ph[i].filesz + (ph[i].vaddr - start);
    u64 file_pages_end = ROUNDUP(ph[i].vaddr + ph[i].filesz, PAGE_SIZE);
    u64 end = ROUNDUP(ph[i].vaddr + ph[i].memsz, PAGE_SIZE);
    u32 prot = prot_of(ph[i].flags);
    if (file_pages_end > start) {
      int r = vm_map(vm, start, file_pages_end - start, prot, ip, off, file_len);
      if (r) return r;
    }
    if (end > file_pages_end) {
      int r = vm_map(vm, file_pages_end, end - file_pages_end, prot | VMA_ANON, NULL, 0, 0);
      if (r) return r;
    }
    if (ph[i].offset <= phoff && phoff < ph[i].offset + ph[i].filesz && !*phdr_va)
      *phdr_va = ph[i].vaddr + (phoff - ph[i].offset);
    if (end > *brk) *brk = end;
  }
  return *brk ? 0 : -LINUX_ENOEXEC;
}

static char sigpage_code[8];   /* li v0, rt_sigreturn; syscall */
static void *sigpage;

static void *get_sigpage(void) {
  if (!sigpage) {
    void *p = page_alloc();
    if (!p) return NULL;
    u32 code[2] = {0x24020000u | LINUX_NR_rt_sigreturn, 0x0000000Cu};  /* addiu v0,zero,N; syscall */
    memcpy(p, code, 8);
    memcpy(sigpage_code, code, 8);
    hal_icache_sync((u64)(uintptr_t)p, 8);
    if (__atomic_exchange_n(&sigpage, p, __ATOMIC_ACQ_REL)) page_free(p);
  }
  return sigpage;
}

/* Writes the initial stack; returns the new sp or a negative errno. */
static i64 build_stack(struct args *a, u64 entry, u64 phdr_va, int phnum, const char *execfn) {
  u64 sp = USER_STACK_TOP;
  u64 strings = sp - ROUNDUP(a->len, 16);
  if (copy_to_user(strings, a->buf, a->len) < 0) return -LINUX_EFAULT;
  u64 fn = strings - ROUNDUP(strlen(execfn) + 1, 16);
  if (copy_to_user(fn, execfn, strlen(execfn) + 1) < 0) return -LINUX_EFAULT;
  u64 random = fn - 16;
  u8 rnd[16];
  for (int i = 0; i < 16; i++) rnd[i] = (u8)(0x5A + 13 * i);   /* deterministic */
  if (copy_to_user(random, rnd, 16) < 0) return -LINUX_EFAULT;
  u64 aux[][2] = {
      {LINUX_AT_PHDR, phdr_va}, {LINUX_AT_PHENT, sizeof(struct elf64_phdr)}, {LINUX_AT_PHNUM, (u64)phnum},
      {LINUX_AT_PAGESZ, PAGE_SIZE}, {LINUX_AT_BASE, 0}, {LINUX_AT_FLAGS, 0}, {LINUX_AT_ENTRY, entry},
      {LINUX_AT_UID, 0}, {LINUX_AT_EUID, 0}, {LINUX_AT_GID, 0}, {LINUX_AT_EGID, 0},
      {LINUX_AT_HWCAP, 0}, {LINUX_AT_CLKTCK, HZ}, {LINUX_AT_SECURE, 0}, {LINUX_AT_RANDOM, random},
      {LINUX_AT_EXECFN, fn}, {LINUX_AT_NULL, 0},
  };
  u64 nwords = 1 + (u64)a->nargs + 1 + (u64)a->nenv + 1 + 2 * ARRAY_SIZE(aux);
  sp = ROUNDDOWN(random - nwords * 8, 16);
  u64 *v = kmalloc(PAGE_SIZE);
  if (!v) return -LINUX_ENOMEM;
  u64 w = 0, p = sp;
  int err = 0;
#define PUT(x)                                                        \
  do {                                                                \
    v[w++] = (x);                                                     \
    if (w == PAGE_SIZE / 8) {                                         \
      if (copy_to_user(p, v, PAGE_SIZE) < 0) err = -LINUX_EFAULT;     \
      p += PAGE_SIZE, w = 0;                                          \
    }                                                                 \
  } while (0)
  PUT((u64)a->nargs);
  u64 s = strings;
  for (int i = 0; i < a->nargs; i++, s += strlen(a->buf + (s - strings)) + 1) PUT(s);
  PUT(0);
  for (int i = 0; i < a->nenv; i++, s += strlen(a->buf + (s - strings)) + 1) PUT(s);
  PUT(0);
  for (u64 i = 0; i < ARRAY_SIZE(aux); i++) {
    PUT(aux[i][0]);
    PUT(aux[i][1]);
  }
#undef PUT
  if (w && copy_to_user(p, v, w * 8) < 0) err = -LINUX_EFAULT;
  kfree(v);
  return err ? err : (i64)sp;
}

/* Other threads of the process go away before exec proceeds (Linux's de_thread). */
static void kill_other_threads(void) {
  struct task *me = current;
  struct process *p = me->proc;
  spin_lock(&proc_lock);
  spin_lock(&sched_lock);
  for (int i = 0; i < NTASK; i++) {
    struct task *o = &task_table[i];
    if (o != me && o->proc == p && o->state != T_UNUSED && o->state != T_ZOMBIE && o->state != T_EMBRYO) {
      o->pending |= SIGBIT(LINUX_SIGKILL);
      sched_wake_task(o);
      if (o->state == T_STOPPED) sched_make_runnable(o);
    }
  }
  spin_unlock(&sched_lock);
  while (p->nthreads > 1) {
    spin_unlock(&proc_lock);
    yield();
    spin_lock(&proc_lock);
  }
  spin_unlock(&proc_lock);
}

int do_execve(const char *path, uaddr_t uargv, uaddr_t uenvp, char *const *kargv, char *const *kenvp) {
  struct args a = {.buf = pages_alloc(ARGBUF_ORDER)};
  if (!a.buf) return -LINUX_ENOMEM;
  int err = collect(&a, uargv, kargv, &a.nargs);
  if (!err) err = collect(&a, uenvp, kenvp, &a.nenv);
  char *cur = kmalloc(MAXPATH), *interp = kmalloc(MAXPATH);
  if (!cur || !interp) err = -LINUX_ENOMEM;
  if (err) goto out;
  strlcpy(cur, path, MAXPATH);
  struct inode *ip = NULL;
  struct elf64_ehdr eh;
  for (int depth = 0;; depth++) {
    ip = namei(current->fs->cwd, cur, true, &err);
    if (!ip) goto out;
    ilock(ip);
    if ((ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG || !(ip->mode & 0111)) {
      err = (ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR ? -LINUX_EACCES : -LINUX_EACCES;
      goto out_unlock;
    }
    char head[128];
    long n = inode_read(ip, false, (u64)(uintptr_t)head, 0, sizeof head);
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
      if (depth >= MAX_SHEBANG) {
        err = -LINUX_ELOOP;
        goto out_unlock;
      }
      iunlockput(ip);
      ip = NULL;
      err = shebang(&a, cur, head, (u64)n, interp);
      if (err) goto out;
      strlcpy(cur, interp, MAXPATH);
      continue;
    }
    if (n < (long)sizeof eh) {
      err = -LINUX_ENOEXEC;
      goto out_unlock;
    }
    memcpy(&eh, head, sizeof eh);
    break;
  }
  if (memcmp(eh.ident, "\177ELF", 4) || eh.ident[4] != 2 || eh.ident[5] != ELFDATA_OURS || eh.machine != EM_MIPS ||
      (eh.type != ET_EXEC && eh.type != ET_DYN) || eh.phentsize != sizeof(struct elf64_phdr) || eh.phnum == 0 ||
      eh.phnum > 64) {
    err = -LINUX_ENOEXEC;
    goto out_unlock;
  }
  struct elf64_phdr *ph = kmalloc(sizeof(struct elf64_phdr) * eh.phnum);
  if (!ph) {
    err = -LINUX_ENOMEM;
    goto out_unlock;
  }
  u64 phsize = sizeof(struct elf64_phdr) * eh.phnum;
  if (inode_read(ip, false, (u64)(uintptr_t)ph, eh.phoff, phsize) != (long)phsize) {
    err = -LINUX_ENOEXEC;
    goto out_ph;
  }
  for (int i = 0; i < eh.phnum; i++)
    if (ph[i].type == PT_INTERP) {  /* dynamic linking comes with the workloads issue */
      err = -LINUX_ENOEXEC;
      goto out_ph;
    }
  iunlock(ip);
  struct vmspace *vm = vm_create();
  u64 brk = 0, phdr_va = 0;
  err = vm ? load_segments(vm, ip, ph, eh.phnum, &brk, &phdr_va, eh.phoff) : -LINUX_ENOMEM;
  if (!err) err = vm_map(vm, USER_STACK_TOP - 128 * 1024, 128 * 1024, VMA_READ | VMA_WRITE | VMA_GROWSDOWN | VMA_ANON,
                         NULL, 0, 0);
  void *sp_page = get_sigpage();
  if (!err && !sp_page) err = -LINUX_ENOMEM;
  if (!err) err = vm_map(vm, SIGPAGE_VA, PAGE_SIZE, VMA_READ | VMA_EXEC, NULL, 0, 0);
  if (!err) err = vm_install_page(vm, SIGPAGE_VA, sp_page);
  if (err) {
    if (vm) vm_put(vm);
    iput(ip);
    ip = NULL;
    kfree(ph);
    goto out;
  }
  vm->brk_start = vm->brk = brk;
  vm->stack_top = USER_STACK_TOP;

  /* The point of no return. */
  kill_other_threads();
  struct task *t = current;
  struct vmspace *old = t->vm;
  if (old) vm_deactivate(old);
  t->vm = vm;
  vm_activate(vm);
  if (old) vm_put(old);
  vfork_release(t);
  i64 sp = build_stack(&a, eh.entry, phdr_va, eh.phnum, path);
  if (sp < 0) {
    kfree(ph);
    iput(ip);
    pages_free(a.buf, ARGBUF_ORDER);
    kfree(cur);
    kfree(interp);
    do_exit_group(LINUX_SIGSEGV);
  }
  files_close_on_exec(t->files);
  sighand_exec_reset(t->sighand);
  t->altstack_sp = t->altstack_size = 0;
  t->altstack_flags = LINUX_SS_DISABLE;
  t->tls = 0;
  hal_set_tls(0);
  t->clear_child_tid = t->set_child_tid = 0;
  const char *base = cur;
  for (const char *q = cur; *q; q++)
    if (*q == '/') base = q + 1;
  strlcpy(t->proc->comm, base, sizeof t->proc->comm);
  memset(t->tf, 0, sizeof *t->tf);
  t->tf->regs[REG_SP] = (u64)sp;
  t->tf->epc = eh.entry;
  t->tf->status = hal_user_status();
  memset(&t->fpu, 0, sizeof t->fpu);
  hal_fpu_restore(&t->fpu);
  err = 0;
  kfree(ph);
  iput(ip);
  goto out;

out_ph:
  kfree(ph);
out_unlock:
  iunlockput(ip);
out:
  pages_free(a.buf, ARGBUF_ORDER);
  kfree(cur);
  kfree(interp);
  return err;
}
