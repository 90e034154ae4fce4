/* printf_fmt.c - printf conversions of integers and floating point,
   including rounding, exponents, special values and width/precision. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
  printf("%d %i %u %ld %lu %lld %llu\n", 0, -1, 4000000000u, -9000000000L, 18000000000UL, (long long)INT64_MIN,
         (unsigned long long)UINT64_MAX);
  printf("%hhd %hd %hhu %hu\n", (signed char)-5, (short)-300, (unsigned char)250, (unsigned short)65000);
  printf("[%8.3d] [%-8d] [%+d] [% d] [%#x] [%#o]\n", 7, 7, 7, 7, 255, 8);
  double vals[] = {0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1e-300, 1e300, 123456789.125, 0.1, 2.0 / 3.0,
                   DBL_MAX, DBL_MIN, 5e-324};
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; ++i)
    printf("%f | %.0f | %.10e | %g | %.17g | %a\n", vals[i], vals[i], vals[i], vals[i], vals[i], vals[i]);
  printf("%f %f %f\n", INFINITY, -INFINITY, NAN);
  float f = 1.0f / 3.0f;
  printf("%.9g %e\n", f, (double)f);
  printf("[%10.4f] [%-10.2e] [%+.3g]\n", 3.14159, 31415.9, 0.000123456);
  double acc = 0;
  for (int i = 1; i <= 1000; ++i) acc += 1.0 / (i * (double)i);
  printf("basel=%.15f\n", acc);
  printf("%s|%10s|%-10s|%.3s|%c\n", "str", "right", "left", "truncate", 'z');
  printf("%p\n", (void*)0x1234);
  printf("%%\n");
  return 0;
}
