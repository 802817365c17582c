// SPDX-License-Identifier: Apache-2.0
// Placeholder until the JPEG decoder lands; see include/cjpeg.h.
#include "cjpeg.h"
#include <string.h>

int cjpeg_decode_gray(const unsigned char *data, size_t size, unsigned char **pixels, int *width, int *height,
                      char *message, size_t messageSize) {
    (void)data; (void)size; (void)pixels; (void)width; (void)height;
    if (messageSize > 0) { strncpy(message, "JPEG decoding is not built yet", messageSize - 1); message[messageSize - 1] = 0; }
    return -1;
}
