/* types.h - the kernel's basic types.  The kernel is freestanding C11 built
 * for MIPS n64 (LP64: long and pointers are 64 bits). */
#ifndef DUNIX_TYPES_H
#define DUNIX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t i8;
typedef int16_t i16;
typedef int32_t i32;
typedef int64_t i64;
typedef u64 paddr_t;   /* a physical address (40 bits on the R10000) */
typedef u64 uaddr_t;   /* a user virtual address: never dereferenced directly */
typedef i64 off_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ROUNDUP(x, a) (((x) + (a) - 1) & ~((u64)(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((u64)(a) - 1))
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))

#endif
