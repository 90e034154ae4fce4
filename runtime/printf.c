/* printf.c - a small formatted print for freestanding code.
 * One formatter (rt_vsnprintf-style, writing through a sink) serves both
 * the console and buffers. */
#include "rt.h"

struct sink {
  char *buf;     /* NULL: write to the console */
  size_t size;   /* capacity of buf including the NUL */
  size_t count;  /* characters produced so far */
};

static void emit(struct sink *s, char c) {
  if (!s->buf)
    rt_putc(c);
  else if (s->count + 1 < s->size)
    s->buf[s->count] = c;
  s->count++;
}

static void emit_number(struct sink *s, unsigned long long v, unsigned base, int upper, int negative,
                        int width, int zero_pad, int left) {
  char tmp[24];
  int n = 0;
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    tmp[n++] = digits[v % base];
    v /= base;
  } while (v);
  int len = n + negative;
  if (negative && zero_pad) emit(s, '-');
  if (!left)
    for (; width > len; --width) emit(s, zero_pad ? '0' : ' ');
  if (negative && !zero_pad) emit(s, '-');
  while (n) emit(s, tmp[--n]);
  if (left)
    for (; width > len; --width) emit(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap) {
  for (; *fmt; ++fmt) {
    if (*fmt != '%') {
      emit(s, *fmt);
      continue;
    }
    ++fmt;
    int left = 0, zero_pad = 0, width = 0, longness = 0;
    for (;; ++fmt) {
      if (*fmt == '-') left = 1;
      else if (*fmt == '0') zero_pad = 1;
      else break;
    }
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l' || *fmt == 'z') ++longness, ++fmt;
    switch (*fmt) {
      case 'd':
      case 'i': {
        long long v = longness ? va_arg(ap, long long) : va_arg(ap, int);
        unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        emit_number(s, mag, 10, 0, v < 0, width, zero_pad, left);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        unsigned long long v = longness ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
        unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
        emit_number(s, v, base, *fmt == 'X', 0, width, zero_pad, left);
        break;
      }
      case 'p':
        emit(s, '0'), emit(s, 'x');
        emit_number(s, (uintptr_t)va_arg(ap, void *), 16, 0, 0, width, zero_pad, left);
        break;
      case 'c':
        emit(s, (char)va_arg(ap, int));
        break;
      case 's': {
        const char *str = va_arg(ap, const char *);
        if (!str) str = "(null)";
        int len = (int)strlen(str);
        if (!left)
          for (; width > len; --width) emit(s, ' ');
        while (*str) emit(s, *str++);
        if (left)
          for (; width > len; --width) emit(s, ' ');
        break;
      }
      case '%':
        emit(s, '%');
        break;
      case '\0':
        return;
      default: /* unknown conversion: print it verbatim */
        emit(s, '%'), emit(s, *fmt);
        break;
    }
  }
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  struct sink s = {buf, size, 0};
  format(&s, fmt, ap);
  if (buf && size) buf[s.count < size ? s.count : size - 1] = '\0';
  return (int)s.count;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = rt_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

int rt_vprintf(const char *fmt, va_list ap) {
  struct sink s = {0, 0, 0};
  format(&s, fmt, ap);
  return (int)s.count;
}

int rt_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = rt_vprintf(fmt, ap);
  va_end(ap);
  return n;
}

void rt_puts(const char *str) {
  while (*str) rt_putc(*str++);
}
