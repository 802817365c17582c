// SPDX-License-Identifier: Apache-2.0
// JPEG decoding and encoding for MadoImaging, with libjpeg's longjmp errors caught here in C.
#include "cjpeg.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
// jpeglib.h uses FILE and size_t without including their headers.
#include <jpeglib.h>
#include <jerror.h>

/// libjpeg's error manager extended with the jump target and a count of corrupt-data warnings.
struct guarded_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    int warnings;
};

static void copy_message(char *message, size_t messageSize, const char *text) {
    if (message == NULL || messageSize == 0) return;
    strncpy(message, text, messageSize - 1);
    message[messageSize - 1] = 0;
}

/// Called by libjpeg on a fatal error: instead of exit(), jump back into the guarded function.
static void on_error_exit(j_common_ptr info) {
    struct guarded_error *error = (struct guarded_error *)info->err;
    longjmp(error->jump, 1);
}

/// libjpeg's default prints warnings to stderr; a daemon must not, so they are only counted.
/// Level -1 is a corrupt-data warning (premature end of data, bad Huffman code): the image is unreliable.
/// Extraneous bytes between markers are the exception: some scanners write them and the pixels are intact.
static void on_emit_message(j_common_ptr info, int level) {
    struct guarded_error *error = (struct guarded_error *)info->err;
    if (level < 0 && info->err->msg_code != JWRN_EXTRANEOUS_DATA) error->warnings += 1;
}

static void on_output_message(j_common_ptr info) { (void)info; }

static void install_errors(struct guarded_error *error) {
    jpeg_std_error(&error->base);
    error->base.error_exit = on_error_exit;
    error->base.emit_message = on_emit_message;
    error->base.output_message = on_output_message;
    error->warnings = 0;
}

static void format_error(j_common_ptr info, char *message, size_t messageSize) {
    char buffer[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, buffer);
    copy_message(message, messageSize, buffer);
}

int cjpeg_read_header(const unsigned char *data, size_t size, int *width, int *height, int *components,
                      char *message, size_t messageSize) {
    struct jpeg_decompress_struct info;
    struct guarded_error error;
    memset(&info, 0, sizeof info);
    info.err = &error.base;
    install_errors(&error);
    if (setjmp(error.jump)) {
        format_error((j_common_ptr)&info, message, messageSize);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    *width = (int)info.image_width;
    *height = (int)info.image_height;
    *components = info.num_components;
    jpeg_destroy_decompress(&info);
    return 0;
}

int cjpeg_decode_gray(const unsigned char *data, size_t size, int maxWidth, int maxHeight, long maxPixels,
                      unsigned char **pixels, int *width, int *height, char *message, size_t messageSize) {
    struct jpeg_decompress_struct info;
    struct guarded_error error;
    // volatile: it is changed between setjmp and a possible longjmp and read after the jump.
    unsigned char *volatile buffer = NULL;
    *pixels = NULL;
    memset(&info, 0, sizeof info);
    info.err = &error.base;
    install_errors(&error);
    if (setjmp(error.jump)) {
        format_error((j_common_ptr)&info, message, messageSize);
        jpeg_destroy_decompress(&info);
        free(buffer);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    long w = (long)info.image_width, h = (long)info.image_height;
    if (w <= 0 || h <= 0 || w > maxWidth || h > maxHeight || w * h > maxPixels) {
        char text[160];
        snprintf(text, sizeof text, "image size %ldx%ld is beyond the limit (%dx%d, %ld pixels)", w, h, maxWidth,
                 maxHeight, maxPixels);
        copy_message(message, messageSize, text);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    // libjpeg converts YCbCr to luminance itself; CMYK/YCCK cannot be converted to grayscale by it.
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        copy_message(message, messageSize, "CMYK JPEG images are not supported; scan in grayscale or colour");
        jpeg_destroy_decompress(&info);
        return -1;
    }
    info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&info);
    buffer = malloc((size_t)w * (size_t)h);
    if (buffer == NULL) {
        copy_message(message, messageSize, "out of memory for the decoded image");
        jpeg_destroy_decompress(&info);
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = buffer + (size_t)info.output_scanline * (size_t)w;
        if (jpeg_read_scanlines(&info, &row, 1) != 1) break;
        // A truncated file makes libjpeg pad with grey and warn; stop at the first such warning.
        if (error.warnings > 0) break;
    }
    if (error.warnings > 0 || info.output_scanline < info.output_height) {
        char text[JMSG_LENGTH_MAX];
        (*info.err->format_message)((j_common_ptr)&info, text);
        char full[JMSG_LENGTH_MAX + 64];
        snprintf(full, sizeof full, "corrupt or truncated JPEG data (%s)", text);
        copy_message(message, messageSize, full);
        jpeg_destroy_decompress(&info);
        free(buffer);
        return -1;
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    *pixels = buffer;
    *width = (int)w;
    *height = (int)h;
    return 0;
}

int cjpeg_encode_gray(const unsigned char *pixels, int width, int height, int quality, unsigned char **output,
                      size_t *outputSize, char *message, size_t messageSize) {
    struct jpeg_compress_struct info;
    struct guarded_error error;
    // libjpeg grows this buffer itself; volatile because it is read after a possible longjmp.
    unsigned char *volatile destination = NULL;
    unsigned long destinationSize = 0;
    *output = NULL;
    *outputSize = 0;
    memset(&info, 0, sizeof info);
    info.err = &error.base;
    install_errors(&error);
    if (setjmp(error.jump)) {
        format_error((j_common_ptr)&info, message, messageSize);
        jpeg_destroy_compress(&info);
        free(destination);
        return -1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, (unsigned char **)&destination, &destinationSize);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 1;
    info.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * (size_t)width);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *output = destination;
    *outputSize = destinationSize;
    return 0;
}
