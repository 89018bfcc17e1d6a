/*
 * uy_eyp.h - check one e-Yazışma package file end to end.
 */
#ifndef UYUM_UY_EYP_H
#define UYUM_UY_EYP_H

#include "uyum/uy_check.h"
#include "uyum/uy_err.h"

/**
 * Check a package file (.eyp, .eyps, .eypg, 1.x or 2.x) against every rule
 * uyum implements and fill a report with the results and the verdict.
 * Inner packages (.eyps SifreliIcerik in plain ZIP form, .eypg OrijinalPaket)
 * are checked recursively under their own scope.
 *
 * @param[out] out  report, initialised by this call; the caller disposes it
 *                  (uy_pkg_report_dispose) whatever the result.
 * @param path      the file.
 * @return UY_ERR_IO     the file cannot be opened or read
 * @return UY_ERR_NOMEM  out of memory
 * @return UY_ERR_CRYPTO OpenSSL failed for a reason unrelated to the input
 * A malformed package is never an error: it gets findings and a verdict.
 * @standard e-Yazışma Teknik Rehberi 1.x/2.x (rules K.n as reconstructed in
 *           the spec §11); ECMA-376-2; RFC 5652 (structure only)
 */
UY_MUST_USE uy_err uy_eyp_check_file(uy_pkg_report *out, const char *path);

#endif /* UYUM_UY_EYP_H */
