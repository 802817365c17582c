// SPDX-License-Identifier: Apache-2.0
// poppler-glib renders PDF pages into cairo image surfaces for MadoImaging.
#include <cairo.h>
#include <poppler.h>
