// SPDX-License-Identifier: Apache-2.0
// libjpeg reports errors by longjmp, which Swift cannot catch; this shim decodes inside setjmp in C.
#ifndef CJPEG_H
#define CJPEG_H
#include <stddef.h>

/// Decodes a JPEG held in memory to 8-bit grayscale. On success returns 0 and sets *pixels (malloc'd,
/// row-major, width*height bytes; the caller frees it), *width and *height. On failure returns -1 and
/// writes libjpeg's message into message (at most messageSize bytes, NUL-terminated).
int cjpeg_decode_gray(const unsigned char *data, size_t size, unsigned char **pixels, int *width, int *height,
                      char *message, size_t messageSize);

#endif
