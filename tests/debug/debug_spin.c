/* debug_spin.c - debug_target.c that runs until gdb interrupts or kills it
 * (the Ctrl-C and kill tests). */
#define DEBUG_SPIN 1
#include "debug_target.c"
