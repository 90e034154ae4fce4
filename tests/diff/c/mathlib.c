/* mathlib.c - libm: elementary functions, rounding, classification and
   integer/float conversions, printed with full precision. */
#include <math.h>
#include <stdio.h>

int main(void) {
  double xs[] = {0.5, 1.0, 2.0, 3.7, 10.0, 100.25, 1e-5};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    printf("x=%g sin=%.17g cos=%.17g tan=%.17g\n", x, sin(x), cos(x), tan(x));
    printf("  exp=%.17g log=%.17g log10=%.17g sqrt=%.17g cbrt=%.17g\n", exp(x), log(x), log10(x), sqrt(x), cbrt(x));
    printf("  pow=%.17g atan2=%.17g hypot=%.17g fmod=%.17g\n", pow(x, 1.7), atan2(x, 3.0), hypot(x, 4.0),
           fmod(x * 7.3, 2.1));
  }
  double r[] = {2.5, -2.5, 3.49, -0.5, 1e15 + 0.5};
  for (unsigned i = 0; i < sizeof r / sizeof r[0]; ++i)
    printf("round %.17g: floor=%g ceil=%g trunc=%g round=%g rint=%g lround=%ld\n", r[i], floor(r[i]), ceil(r[i]),
           trunc(r[i]), round(r[i]), rint(r[i]), lround(r[i]));
  printf("isnan=%d isinf=%d signbit=%d\n", isnan(NAN), isinf(-INFINITY), signbit(-0.0) != 0);
  float fs = 0;
  for (int i = 1; i <= 100; ++i) fs += sqrtf((float)i);
  printf("sqrtf sum=%.9g\n", fs);
  long long big = 9007199254740993LL;
  printf("conv=%.17g %lld %d\n", (double)big, (long long)1e18, (int)-3.99);
  double s = 0;
  for (int k = 0; k < 100000; ++k) s += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
  printf("pi~%.15f\n", s);
  return 0;
}
