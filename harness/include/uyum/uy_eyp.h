/*
 * uy_eyp.h - check one e-Yazışma package file end to end.
 */
#ifndef UYUM_UY_EYP_H
#define UYUM_UY_EYP_H

#include "uyum/uy_check.h"
#include "uyum/uy_err.h"
#include "uyum/uy_validate.h"

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

/**
 * uy_eyp_check_file() with CAdES validation of ImzaCades, ParafImzaCades
 * and MuhurCades (eyp::signature::cades-validation and the cades:: and
 * cert:: checks, through uy_cades_validate()).
 *
 * @param sig_opts trust anchors, validation time, revocation data and
 *                 online mode for the signatures; borrowed. The rules set
 *                 role (paraf and e-signature: PERSON; seal: SEAL) and
 *                 profile (from each signature's policy) themselves, so
 *                 sig_opts->role and ->profile are ignored. NULL: the
 *                 signatures are checked for structure only and their
 *                 validation is reported NOT_EVALUATED.
 * Other parameters and errors as uy_eyp_check_file().
 */
UY_MUST_USE uy_err uy_eyp_check_file_with(uy_pkg_report *out, const char *path,
                                          const uy_validate_options *sig_opts);

#endif /* UYUM_UY_EYP_H */
