#ifndef VANBAN_CZLIB_SHIM_H
#define VANBAN_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2/inflateInit2 are macros that Swift cannot import; wrap them.
static inline int vanban_deflateInitRaw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
static inline int vanban_inflateInitRaw(z_streamp strm) {
    return inflateInit2(strm, -15);
}
#endif
