// SPDX-License-Identifier: Apache-2.0
// Reading scanned pages (PNG, JPEG, TIFF, PNM, PDF) into grayscale images, and their QR codes.
