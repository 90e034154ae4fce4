/* tty.c - the console terminal: a line discipline on the board's UART.
 *
 * Input arrives byte by byte in console_rx() (interrupt context) and is
 * processed at once: input mapping (ICRNL, INLCR, IGNCR, ISTRIP), signal
 * characters (ISIG), and in canonical mode (ICANON) line editing (VERASE
 * and ^H, VWERASE, VKILL, VLNEXT) until a line ends at '\n', VEOL, VEOL2 or
 * VEOF.  Echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL) is written
 * straight to the UART.  Output goes through OPOST processing to
 * hal_console_putc (polled).
 *
 * Defaults differ from Linux's in two places, on purpose: c_oflag is OPOST
 * without ONLCR and c_lflag has no ECHO.  The host side of the console is a
 * file or a pipe (--console-input, the run's output), not a terminal, and a
 * program's output must match what it writes under qemu-user byte for byte:
 * ONLCR would turn every "\n" into "\r\n", and ECHO would copy the scripted
 * input into the output.  Programs that want echo (busybox's line editor,
 * stty echo) turn it on; busybox sh with ECHO off reads whole lines (fgets),
 * which is what a scripted console wants.
 *
 * The input queue is a ring of TTY_BUF bytes: [r, w) can be read and
 * [w, e) is the line being edited (empty outside canonical mode).  Two bit
 * maps mark, per position, a line's last byte (eol) and an end-of-file mark
 * (eof, a VEOF byte that is never delivered).  Flow control: when the ring
 * is nearly full, console_rx_ready() says so and the HAL stops taking bytes
 * from the UART (they wait in the device) until a read makes room and calls
 * hal_console_rx_enable() again; so scripted input of any length arrives
 * whole.
 *
 * Job control: the tty belongs to one session (tty_set_session, TIOCSCTTY)
 * and has a foreground process group.  A background member of the session
 * that reads gets SIGTTIN (-EIO if it ignores or blocks it); one that writes
 * with TOSTOP set, or changes the settings or the foreground group, gets
 * SIGTTOU unless it ignores or blocks it.
 *
 * Locks: tty.lock (a spinlock; console_rx takes it from the interrupt
 * handler) protects everything in struct tty.  It is never held while
 * touching user memory or while posting a signal. */
#include "file.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"

#define TTY_BUF 65536u                /* a power of two */
#define IDX(x) ((x) & (TTY_BUF - 1))
#define CHUNK 256                     /* bytes moved per lock hold */
#define CTRL(c) ((c) & 0x1f)

static struct tty {
  struct spinlock lock;
  /* protected by lock: */
  u32 iflag, oflag, cflag, lflag;
  u8 line;
  u8 cc[LINUX_NCCS];
  u16 rows, cols;
  int sid, pgid;                      /* session, foreground group; 0: none */
  bool lnext;                         /* the next byte is literal (VLNEXT) */
  u32 col;                            /* output column, for ONOCR */
  u64 r, w, e;                        /* the input ring, see above */
  bool rx_paused;                     /* the HAL stopped receiving: ring full */
  u32 on;                             /* output waiting in obuf */
  char obuf[256];                     /* output of this lock hold, written at tty_unlock */
  u64 eol[TTY_BUF / 64], eof[TTY_BUF / 64];
  char buf[TTY_BUF];
} tty = {
  .lock = SPINLOCK_INIT("tty"),
  .iflag = LINUX_ICRNL | LINUX_IXON,
  .oflag = LINUX_OPOST,               /* no ONLCR: see above */
  .cflag = LINUX_B38400 | LINUX_CS8 | LINUX_CREAD | LINUX_HUPCL,
  .lflag = LINUX_ISIG | LINUX_ICANON | LINUX_ECHOE | LINUX_ECHOK | LINUX_ECHOCTL | LINUX_ECHOKE |
           LINUX_IEXTEN,              /* no ECHO: see above */
  .cc = {[LINUX_VINTR] = CTRL('C'), [LINUX_VQUIT] = CTRL('\\'), [LINUX_VERASE] = 0x7f,
         [LINUX_VKILL] = CTRL('U'), [LINUX_VEOF] = CTRL('D'), [LINUX_VMIN] = 1,
         [LINUX_VSTART] = CTRL('Q'), [LINUX_VSTOP] = CTRL('S'), [LINUX_VSUSP] = CTRL('Z'),
         [LINUX_VREPRINT] = CTRL('R'), [LINUX_VDISCARD] = CTRL('O'), [LINUX_VWERASE] = CTRL('W'),
         [LINUX_VLNEXT] = CTRL('V')},
  .rows = 24,
  .cols = 80,
};

static bool bit(const u64 *map, u64 pos) { return (map[IDX(pos) / 64] >> (IDX(pos) % 64)) & 1; }
static void set_bit(u64 *map, u64 pos, bool on) {
  u64 m = 1ull << (IDX(pos) % 64);
  if (on) map[IDX(pos) / 64] |= m;
  else map[IDX(pos) / 64] &= ~m;
}

/* c is the special character cc[i] (a 0 entry is disabled). */
static bool is_cc(u8 c, int i) { return tty.cc[i] != 0 && c == tty.cc[i]; }

/* ---- output (lock held) ---------------------------------------------------------- */
/* Output is gathered while the lock is held and handed to the HAL in one
 * piece when it is released (or the buffer fills): on the Disco monitor that
 * is one monitor call per write(2), not one per byte. */
static void out_flush(void) {
  if (tty.on) hal_console_write(tty.obuf, tty.on);
  tty.on = 0;
}

static void tty_unlock(void) {
  out_flush();
  spin_unlock(&tty.lock);
}

static void put_raw(char c) {
  tty.obuf[tty.on++] = c;
  if (tty.on == sizeof tty.obuf) out_flush();
  tty.col = c == '\n' || c == '\r' ? 0 : tty.col + 1;
}

/* One byte of program output or echo, through OPOST processing. */
static void out_char(char c) {
  if (!(tty.oflag & LINUX_OPOST)) {
    put_raw(c);
    return;
  }
  if ((tty.oflag & LINUX_OLCUC) && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
  if (c == '\n' && (tty.oflag & LINUX_ONLCR)) put_raw('\r');
  if (c == '\r') {
    if ((tty.oflag & LINUX_ONOCR) && tty.col == 0) return;
    if (tty.oflag & LINUX_OCRNL) c = '\n';
  }
  put_raw(c);
}

/* Echo of an input byte: a control character as ^X under ECHOCTL. */
static bool shown_as_ctl(u8 c) { return (c < 32 || c == 0x7f) && c != '\n' && c != '\t'; }
static void echo_char(u8 c) {
  if ((tty.lflag & LINUX_ECHOCTL) && shown_as_ctl(c)) {
    out_char('^');
    out_char((char)(c ^ 0x40));
  } else {
    out_char((char)c);
  }
}

/* Takes back the echo of c from the screen (ECHOE), or echoes the erase
 * character itself. */
static void echo_erase(u8 c, u8 erase_char) {
  if (!(tty.lflag & LINUX_ECHO)) return;
  if (!(tty.lflag & LINUX_ECHOE)) {
    echo_char(erase_char);
    return;
  }
  int cols = (tty.lflag & LINUX_ECHOCTL) && shown_as_ctl(c) ? 2 : 1;
  for (int i = 0; i < cols; i++) {
    out_char('\b');
    out_char(' ');
    out_char('\b');
  }
}

/* ---- input (lock held) ------------------------------------------------------------ */
static void flush_input(void) { tty.r = tty.w = tty.e; }

/* Appends c to the line being edited; eol/eof end it (and commit it). */
static void store(u8 c, bool eol, bool eof) {
  if (tty.e - tty.r >= TTY_BUF) return;   /* full: dropped */
  tty.buf[IDX(tty.e)] = (char)c;
  set_bit(tty.eol, tty.e, eol);
  set_bit(tty.eof, tty.e, eof);
  tty.e++;
  if (eol || eof || !(tty.lflag & LINUX_ICANON)) {
    tty.w = tty.e;
    wakeup(&tty);
    poll_wake();
  }
}

/* Canonical editing: erase one character (VERASE), a word (VWERASE), or the
 * whole line (VKILL).  True if c was one of them. */
static bool edit(u8 c) {
  if (is_cc(c, LINUX_VERASE) || c == '\b') {
    if (tty.e > tty.w) echo_erase((u8)tty.buf[IDX(--tty.e)], c);
    return true;
  }
  if ((tty.lflag & LINUX_IEXTEN) && is_cc(c, LINUX_VWERASE)) {
    while (tty.e > tty.w && tty.buf[IDX(tty.e - 1)] == ' ') echo_erase((u8)tty.buf[IDX(--tty.e)], c);
    while (tty.e > tty.w && tty.buf[IDX(tty.e - 1)] != ' ') echo_erase((u8)tty.buf[IDX(--tty.e)], c);
    return true;
  }
  if (is_cc(c, LINUX_VKILL)) {
    if ((tty.lflag & (LINUX_ECHOKE | LINUX_ECHOE)) == (LINUX_ECHOKE | LINUX_ECHOE)) {
      while (tty.e > tty.w) echo_erase((u8)tty.buf[IDX(--tty.e)], c);
    } else {
      tty.e = tty.w;
      if (tty.lflag & LINUX_ECHO) {
        echo_char(c);
        if (tty.lflag & LINUX_ECHOK) out_char('\n');
      }
    }
    return true;
  }
  return false;
}

/* The signal character c stands for under ISIG, or 0. */
static int signal_char(u8 c) {
  if (!(tty.lflag & LINUX_ISIG)) return 0;
  if (is_cc(c, LINUX_VINTR)) return LINUX_SIGINT;
  if (is_cc(c, LINUX_VQUIT)) return LINUX_SIGQUIT;
  if (is_cc(c, LINUX_VSUSP)) return LINUX_SIGTSTP;
  return 0;
}

/* Processes one input byte (lock held); returns a signal to send to the
 * foreground group, or 0. */
static int receive(u8 c) {
  bool echo = tty.lflag & LINUX_ECHO, canon = tty.lflag & LINUX_ICANON;
  if (tty.iflag & LINUX_ISTRIP) c &= 0x7f;
  if (tty.lnext) {
    tty.lnext = false;
    if (echo) echo_char(c);
    store(c, false, false);
    return 0;
  }
  if ((tty.lflag & LINUX_IEXTEN) && is_cc(c, LINUX_VLNEXT)) {
    tty.lnext = true;
    return 0;
  }
  if (c == '\r') {
    if (tty.iflag & LINUX_IGNCR) return 0;
    if (tty.iflag & LINUX_ICRNL) c = '\n';
  } else if (c == '\n' && (tty.iflag & LINUX_INLCR)) {
    c = '\r';
  }
  int sig = signal_char(c);
  if (sig) {
    if (!(tty.lflag & LINUX_NOFLSH)) flush_input();
    if (echo) echo_char(c);
    return sig;
  }
  if (!canon) {
    if (echo) echo_char(c);
    store(c, false, false);
    return 0;
  }
  if (edit(c)) return 0;
  if (is_cc(c, LINUX_VEOF)) {
    store(c, false, true);   /* not echoed, as Linux */
    return 0;
  }
  bool eol = c == '\n' || is_cc(c, LINUX_VEOL) || ((tty.lflag & LINUX_IEXTEN) && is_cc(c, LINUX_VEOL2));
  if (echo || (c == '\n' && (tty.lflag & LINUX_ECHONL))) echo_char(c);
  store(c, eol, false);
  return 0;
}

/* Whether console_rx may take another byte; if not, receiving pauses until
 * a read makes room (interrupt context). */
bool console_rx_ready(void) {
  spin_lock(&tty.lock);
  bool ok = tty.e - tty.r < TTY_BUF - 64;
  if (!ok) tty.rx_paused = true;
  tty_unlock();
  return ok;
}

/* After a read consumed input (lock held): resume a paused receiver. */
static void rx_resume(void) {
  if (tty.rx_paused && tty.e - tty.r < TTY_BUF / 2) {
    tty.rx_paused = false;
    hal_console_rx_enable();
  }
}

/* The HAL's console interrupt hands over each input byte here. */
void console_rx(char c) {
  spin_lock(&tty.lock);
  int sig = receive((u8)c);
  int pgid = tty.pgid;
  tty_unlock();
  if (sig && pgid > 0) signal_send_pgrp(pgid, sig, LINUX_SI_KERNEL, 0);
}

void tty_set_session(int sid, int pgid) {
  spin_lock(&tty.lock);
  tty.sid = sid;
  tty.pgid = pgid;
  tty_unlock();
}

/* ---- job control ------------------------------------------------------------------ */
/* True if the current process is in the tty's session but not in its
 * foreground group; *pgid gets its own group. */
static bool in_background(int *pgid) {
  spin_lock(&tty.lock);
  int sid = tty.sid, fg = tty.pgid;
  tty_unlock();
  spin_lock(&proc_lock);
  struct process *p = current->proc;
  bool bg = sid != 0 && p->sid == sid && p->pgid != fg;
  *pgid = p->pgid;
  spin_unlock(&proc_lock);
  return bg;
}

static bool ignored_or_blocked(int sig) {
  return current->sighand->action[sig].handler == LINUX_SIG_IGN || (current->blocked & SIGBIT(sig));
}

/* A background process touching the tty: stop its group with sig (SIGTTIN
 * or SIGTTOU) and have the call restarted once it is continued.  If it
 * ignores or blocks sig, reading fails with -EIO and the rest proceeds. */
static int job_check(int sig) {
  int pgid;
  if (!in_background(&pgid)) return 0;
  if (ignored_or_blocked(sig)) return sig == LINUX_SIGTTIN ? -LINUX_EIO : 0;
  signal_send_pgrp(pgid, sig, LINUX_SI_KERNEL, 0);
  return -ERESTARTSYS;
}

/* ---- reading ------------------------------------------------------------------------- */
/* Moves up to max readable bytes into kbuf (lock held).  In canonical mode
 * it stops after a line's last byte or at an end-of-file mark (consumed,
 * not copied), setting *line_end. */
static u64 take(char *kbuf, u64 max, bool *line_end) {
  bool canon = tty.lflag & LINUX_ICANON;
  u64 k = 0;
  while (tty.r < tty.w && k < max) {
    if (canon && bit(tty.eof, tty.r)) {
      tty.r++;
      *line_end = true;
      break;
    }
    kbuf[k++] = tty.buf[IDX(tty.r)];
    bool eol = bit(tty.eol, tty.r++);
    if (canon && eol) {
      *line_end = true;
      break;
    }
  }
  rx_resume();
  return k;
}

/* Waits (lock held) until a read may proceed: a whole line in canonical
 * mode; otherwise the VMIN/VTIME rules (VTIME in tenths of a second of
 * simulated time, an inter-byte timer once VMIN > 0 and a byte came).
 * 0 to go on (perhaps with nothing to read), -EAGAIN or -ERESTARTSYS. */
static int wait_input(bool nonblock, u64 n) {
  u64 vmin = tty.cc[LINUX_VMIN], vtime = tty.cc[LINUX_VTIME] * 100000000ull;
  u64 deadline = vmin == 0 && vtime ? ktime_ns() + vtime : 0, seen = 0;
  for (;;) {
    u64 avail = tty.w - tty.r;
    if (tty.lflag & LINUX_ICANON) {
      if (avail) return 0;
    } else if (avail >= (vmin ? MIN(vmin, n) : 1) || (vmin == 0 && vtime == 0)) {
      return 0;
    }
    if (nonblock) return avail ? 0 : -LINUX_EAGAIN;
    if (!(tty.lflag & LINUX_ICANON) && vmin && vtime && avail != seen) {
      seen = avail;                       /* a byte came: restart the inter-byte timer */
      deadline = ktime_ns() + vtime;
    }
    int r = sleep_until(&tty, &tty.lock, deadline, true);
    if (r == -LINUX_ETIMEDOUT) return 0;
    if (r < 0) return -ERESTARTSYS;
  }
}

static long tty_read(struct file *f, uaddr_t buf, u64 n) {
  int r = job_check(LINUX_SIGTTIN);
  if (r < 0) return r;
  if (n == 0) return 0;
  spin_lock(&tty.lock);
  r = wait_input(f->flags & LINUX_O_NONBLOCK, n);
  if (r < 0) {
    tty_unlock();
    return r;
  }
  u64 done = 0;
  bool line_end = false;
  char kbuf[CHUNK];
  for (;;) {
    u64 k = take(kbuf, MIN(n - done, CHUNK), &line_end);
    tty_unlock();
    if (k && copy_to_user(buf + done, kbuf, k) < 0) return done ? (long)done : -LINUX_EFAULT;
    done += k;
    if (k == 0 || line_end || done == n) return (long)done;
    spin_lock(&tty.lock);
  }
}

/* ---- writing ------------------------------------------------------------------------- */
static long tty_write_common(bool user, u64 src, u64 n) {
  spin_lock(&tty.lock);
  bool tostop = tty.lflag & LINUX_TOSTOP;
  tty_unlock();
  if (tostop) {
    int r = job_check(LINUX_SIGTTOU);
    if (r < 0) return r;
  }
  char kbuf[CHUNK];
  u64 done = 0;
  while (done < n) {
    u64 k = MIN(n - done, CHUNK);
    if (copy_in_either(user, kbuf, src + done, k) < 0) return done ? (long)done : -LINUX_EFAULT;
    spin_lock(&tty.lock);
    for (u64 i = 0; i < k; i++) out_char(kbuf[i]);
    tty_unlock();
    done += k;
  }
  return (long)done;
}

static long tty_write(struct file *f, uaddr_t buf, u64 n) {
  (void)f;
  return tty_write_common(true, buf, n);
}
static long tty_kwrite(struct file *f, const void *buf, u64 n) {
  (void)f;
  return tty_write_common(false, (u64)(uintptr_t)buf, n);
}

static u32 tty_poll(struct file *f) {
  (void)f;
  spin_lock(&tty.lock);
  u32 mask = LINUX_POLLOUT | LINUX_POLLWRNORM;
  if (tty.w != tty.r) mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
  tty_unlock();
  return mask;
}

/* ---- ioctl ------------------------------------------------------------------------------- */
/* struct termios (TCGETS, 40 bytes) and termios2 (48: the speeds follow),
 * in the kernel's byte order; lock held. */
static void termios_get(u8 *t) {
  u32 speed = 38400;
  memcpy(t + LINUX_TERMIOS_OFF_IFLAG, &tty.iflag, 4);
  memcpy(t + LINUX_TERMIOS_OFF_OFLAG, &tty.oflag, 4);
  memcpy(t + LINUX_TERMIOS_OFF_CFLAG, &tty.cflag, 4);
  memcpy(t + LINUX_TERMIOS_OFF_LFLAG, &tty.lflag, 4);
  t[LINUX_TERMIOS_OFF_LINE] = tty.line;
  memcpy(t + LINUX_TERMIOS_OFF_CC, tty.cc, LINUX_NCCS);
  memcpy(t + LINUX_TERMIOS2_OFF_ISPEED, &speed, 4);
  memcpy(t + LINUX_TERMIOS2_OFF_OSPEED, &speed, 4);
}

/* New settings; leaving canonical mode makes the line being edited readable. */
static void termios_set(const u8 *t) {
  memcpy(&tty.iflag, t + LINUX_TERMIOS_OFF_IFLAG, 4);
  memcpy(&tty.oflag, t + LINUX_TERMIOS_OFF_OFLAG, 4);
  memcpy(&tty.cflag, t + LINUX_TERMIOS_OFF_CFLAG, 4);
  memcpy(&tty.lflag, t + LINUX_TERMIOS_OFF_LFLAG, 4);
  tty.line = t[LINUX_TERMIOS_OFF_LINE];
  memcpy(tty.cc, t + LINUX_TERMIOS_OFF_CC, LINUX_NCCS);
  if (!(tty.lflag & LINUX_ICANON)) tty.w = tty.e;
  wakeup(&tty);
  poll_wake();
}

/* The caller's session and process group (and whether it leads the session). */
static void my_ids(int *sid, int *pgid, bool *leader) {
  spin_lock(&proc_lock);
  struct process *p = current->proc;
  *sid = p->sid;
  *pgid = p->pgid;
  *leader = p->pid == p->sid;
  spin_unlock(&proc_lock);
}

/* Does a live process have group pgid?  0 if one is in session sid, -EPERM
 * if only in others, -ESRCH if none. */
static int pgrp_check(int pgid, int sid) {
  int r = -LINUX_ESRCH;
  spin_lock(&proc_lock);
  for (int i = 0; i < NTASK && r != 0; i++) {
    struct task *t = &task_table[i];
    if (t->state == T_UNUSED || t->state == T_ZOMBIE || !t->proc || t->proc->pgid != pgid) continue;
    r = t->proc->sid == sid ? 0 : -LINUX_EPERM;
  }
  spin_unlock(&proc_lock);
  return r;
}

static long put_int(u64 arg, int v) { return copy_to_user(arg, &v, sizeof v); }

/* The ioctls about the controlling terminal and job control. */
static long ctty_ioctl(u64 cmd, u64 arg) {
  int sid, pgid, v, r;
  bool leader;
  my_ids(&sid, &pgid, &leader);
  spin_lock(&tty.lock);
  int tsid = tty.sid, tpgid = tty.pgid;
  tty_unlock();
  bool mine = tsid != 0 && tsid == sid;
  switch (cmd) {
  case LINUX_TIOCGPGRP:
    return mine ? put_int(arg, tpgid) : -LINUX_ENOTTY;
  case LINUX_TIOCGSID:
    return mine ? put_int(arg, tsid) : -LINUX_ENOTTY;
  case LINUX_TIOCSPGRP:
    if (!mine) return -LINUX_ENOTTY;
    if ((r = job_check(LINUX_SIGTTOU)) < 0) return r;
    if (copy_from_user(&v, arg, sizeof v) < 0) return -LINUX_EFAULT;
    if (v < 0) return -LINUX_EINVAL;
    if ((r = pgrp_check(v, sid)) < 0) return r;
    tty_set_session(sid, v);
    return 0;
  case LINUX_TIOCSCTTY:   /* everyone is root: arg 1 may steal the tty */
    if (mine) return 0;
    if (!leader || (tsid != 0 && arg != 1)) return -LINUX_EPERM;
    tty_set_session(sid, pgid);
    return 0;
  case LINUX_TIOCNOTTY:   /* a leader giving it up hangs up its foreground */
    if (!mine) return -LINUX_ENOTTY;
    if (!leader) return 0;
    tty_set_session(0, 0);
    if (tpgid > 0) {
      signal_send_pgrp(tpgid, LINUX_SIGHUP, LINUX_SI_KERNEL, 0);
      signal_send_pgrp(tpgid, LINUX_SIGCONT, LINUX_SI_KERNEL, 0);
    }
    return 0;
  default:
    return -LINUX_ENOTTY;
  }
}

static long tty_ioctl(struct file *f, u64 cmd, u64 arg) {
  (void)f;
  u8 t[LINUX_TERMIOS2_SIZE];
  u16 ws[4];
  int v = 0;
  long r;
  switch (cmd) {
  case LINUX_TCGETS:
  case LINUX_TCGETS2:
    spin_lock(&tty.lock);
    termios_get(t);
    tty_unlock();
    return copy_to_user(arg, t, cmd == LINUX_TCGETS ? LINUX_TERMIOS_SIZE : LINUX_TERMIOS2_SIZE);
  case LINUX_TCSETS: case LINUX_TCSETSW: case LINUX_TCSETSF:
  case LINUX_TCSETS2: case LINUX_TCSETSW2: case LINUX_TCSETSF2: {
    bool two = cmd == LINUX_TCSETS2 || cmd == LINUX_TCSETSW2 || cmd == LINUX_TCSETSF2;
    if (copy_from_user(t, arg, two ? LINUX_TERMIOS2_SIZE : LINUX_TERMIOS_SIZE) < 0) return -LINUX_EFAULT;
    if ((r = job_check(LINUX_SIGTTOU)) < 0) return r;
    spin_lock(&tty.lock);   /* output is synchronous: nothing to drain for the W forms */
    if (cmd == LINUX_TCSETSF || cmd == LINUX_TCSETSF2) flush_input();
    termios_set(t);
    tty_unlock();
    return 0;
  }
  case LINUX_TIOCGWINSZ:
    spin_lock(&tty.lock);
    ws[0] = tty.rows, ws[1] = tty.cols, ws[2] = ws[3] = 0;
    tty_unlock();
    return copy_to_user(arg, ws, LINUX_WINSIZE_SIZE);
  case LINUX_TIOCSWINSZ: {
    if (copy_from_user(ws, arg, LINUX_WINSIZE_SIZE) < 0) return -LINUX_EFAULT;
    spin_lock(&tty.lock);
    bool changed = ws[0] != tty.rows || ws[1] != tty.cols;
    tty.rows = ws[0], tty.cols = ws[1];
    int fg = tty.pgid;
    tty_unlock();
    if (changed && fg > 0) signal_send_pgrp(fg, LINUX_SIGWINCH, LINUX_SI_KERNEL, 0);
    return 0;
  }
  case LINUX_FIONREAD:
    spin_lock(&tty.lock);
    v = (int)(tty.w - tty.r);
    tty_unlock();
    return put_int(arg, v);
  case LINUX_TCFLSH:
    if (arg != LINUX_TCIFLUSH && arg != LINUX_TCOFLUSH && arg != LINUX_TCIOFLUSH) return -LINUX_EINVAL;
    spin_lock(&tty.lock);
    if (arg != LINUX_TCOFLUSH) flush_input();
    tty_unlock();
    return 0;
  case LINUX_TCSBRK:     /* tcdrain: output is already out */
  case LINUX_TCXONC:
  case LINUX_TIOCSETD:
    return 0;
  case LINUX_TIOCOUTQ:
  case LINUX_TIOCGETD:
    return put_int(arg, 0);
  default:
    return ctty_ioctl(cmd, arg);
  }
}

const struct file_ops tty_ops = {
  .read = tty_read,
  .write = tty_write,
  .ioctl = tty_ioctl,
  .poll = tty_poll,
  .kwrite = tty_kwrite,
};
