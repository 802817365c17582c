// SPDX-License-Identifier: Apache-2.0
// libtiff from memory for MadoImaging: client I/O over a byte buffer, errors collected instead of printed,
// and non-variadic getters (Swift cannot call TIFFGetField).
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

/// The bytes libtiff reads, and the first error or warning it reported for the current page.
typedef struct {
    const unsigned char *data;
    uint64_t size;
    uint64_t offset;
    char message[256];
} mado_tiff_memory;

/// What MadoImaging needs to know about one page (directory) before decoding it.
typedef struct {
    uint32_t width;
    uint32_t height;
    uint16_t bitsPerSample;
    uint16_t samplesPerPixel;
    uint16_t photometric;
    uint16_t planarConfig;
    int tiled;
} mado_tiff_page;

static inline tmsize_t mado_tiff_read(thandle_t handle, void *buffer, tmsize_t count) {
    mado_tiff_memory *memory = (mado_tiff_memory *)handle;
    if (count <= 0 || memory->offset >= memory->size) return 0;
    uint64_t available = memory->size - memory->offset;
    uint64_t wanted = (uint64_t)count < available ? (uint64_t)count : available;
    memcpy(buffer, memory->data + memory->offset, (size_t)wanted);
    memory->offset += wanted;
    return (tmsize_t)wanted;
}

static inline tmsize_t mado_tiff_write(thandle_t handle, void *buffer, tmsize_t count) {
    (void)handle; (void)buffer; (void)count;
    return 0;
}

static inline toff_t mado_tiff_seek(thandle_t handle, toff_t offset, int whence) {
    mado_tiff_memory *memory = (mado_tiff_memory *)handle;
    uint64_t base = whence == SEEK_CUR ? memory->offset : whence == SEEK_END ? memory->size : 0;
    memory->offset = base + offset;
    return memory->offset;
}

static inline int mado_tiff_close(thandle_t handle) {
    (void)handle;
    return 0;
}

static inline toff_t mado_tiff_size(thandle_t handle) { return ((mado_tiff_memory *)handle)->size; }

static inline int mado_tiff_map(thandle_t handle, void **base, toff_t *size) {
    mado_tiff_memory *memory = (mado_tiff_memory *)handle;
    *base = (void *)memory->data;
    *size = memory->size;
    return 1;
}

static inline void mado_tiff_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle; (void)base; (void)size;
}

/// Keeps the first message of a page (later ones are usually consequences) and returns 1 so that libtiff
/// does not also call its global handler, which would print to stderr.
static inline int mado_tiff_on_message(TIFF *tiff, void *user, const char *module, const char *format,
                                       va_list arguments) {
    (void)tiff; (void)module;
    mado_tiff_memory *memory = (mado_tiff_memory *)user;
    if (memory->message[0] == 0) vsnprintf(memory->message, sizeof memory->message, format, arguments);
    return 1;
}

static inline int mado_tiff_on_warning(TIFF *tiff, void *user, const char *module, const char *format,
                                       va_list arguments) {
    (void)tiff; (void)user; (void)module; (void)format; (void)arguments;
    return 1;
}

/// Silences libtiff's process-wide handlers too, for the few messages raised before a TIFF* exists.
static inline void mado_tiff_silence_globals(void) {
    TIFFSetErrorHandler(NULL);
    TIFFSetWarningHandler(NULL);
}

/// Opens the buffer read-only. maxAllocation bounds any single allocation libtiff makes for it.
static inline TIFF *mado_tiff_open_memory(mado_tiff_memory *memory, int64_t maxAllocation) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, mado_tiff_on_message, memory);
    TIFFOpenOptionsSetWarningHandlerExtR(options, mado_tiff_on_warning, memory);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)maxAllocation);
    TIFF *tiff = TIFFClientOpenExt("scan", "r", (thandle_t)memory, mado_tiff_read, mado_tiff_write, mado_tiff_seek,
                                   mado_tiff_close, mado_tiff_size, mado_tiff_map, mado_tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    return tiff;
}

/// Reads the current directory's size and sample layout; returns 0 when width or height is missing.
static inline int mado_tiff_page_info(TIFF *tiff, mado_tiff_page *page) {
    memset(page, 0, sizeof *page);
    if (!TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &page->width)) return 0;
    if (!TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &page->height)) return 0;
    TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &page->bitsPerSample);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &page->samplesPerPixel);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_PLANARCONFIG, &page->planarConfig);
    if (!TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &page->photometric)) page->photometric = 0xFFFF;
    page->tiled = TIFFIsTiled(tiff);
    return 1;
}
