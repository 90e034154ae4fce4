/* layout.h (host stub) - the file system's only use of the HAL's address-space
 * header is V2P for DMA addresses; on the host "physical" addresses are the
 * host pointers themselves, and the stub disk (host_stubs.c) dereferences
 * them. */
#ifndef DUNIX_LAYOUT_H
#define DUNIX_LAYOUT_H
#include "types.h"
#define V2P(kva) ((paddr_t)(uintptr_t)(kva))
#define P2V(pa) ((void *)(uintptr_t)(pa))
#endif
