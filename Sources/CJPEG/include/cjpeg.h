// SPDX-License-Identifier: Apache-2.0
// libjpeg reports errors by longjmp, which Swift cannot catch; this shim decodes and encodes inside setjmp in C.
#ifndef CJPEG_H
#define CJPEG_H
#include <stddef.h>

/// Reads only the header of a JPEG held in memory. On success returns 0 and sets *width, *height and
/// *components (1 for grayscale, 3 for YCbCr, 4 for CMYK) without decoding any pixel, so the caller can
/// refuse huge images before anything is allocated. On failure returns -1 and writes libjpeg's message
/// into message (at most messageSize bytes, NUL-terminated).
int cjpeg_read_header(const unsigned char *data, size_t size, int *width, int *height, int *components,
                      char *message, size_t messageSize);

/// Decodes a JPEG held in memory to 8-bit grayscale. maxWidth, maxHeight and maxPixels are checked against
/// the header before the pixel buffer is allocated. On success returns 0 and sets *pixels (malloc'd,
/// row-major, width*height bytes; the caller frees it), *width and *height. On failure returns -1 and
/// writes the reason into message (at most messageSize bytes, NUL-terminated); *pixels is then NULL.
/// A stream that ends early is an error, not a grey-padded image: a truncated scan must not be graded.
int cjpeg_decode_gray(const unsigned char *data, size_t size, int maxWidth, int maxHeight, long maxPixels,
                      unsigned char **pixels, int *width, int *height, char *message, size_t messageSize);

/// Encodes 8-bit grayscale pixels (row-major, width*height bytes) as a baseline JPEG of the given quality
/// (1…100). On success returns 0 and sets *output (malloc'd; the caller frees it) and *outputSize. On failure
/// returns -1 and writes libjpeg's message into message.
int cjpeg_encode_gray(const unsigned char *pixels, int width, int height, int quality, unsigned char **output,
                      size_t *outputSize, char *message, size_t messageSize);

#endif
