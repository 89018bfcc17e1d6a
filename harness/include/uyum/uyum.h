/*
 * uyum.h - umbrella header of the uyum conformance harness.
 *
 * Conventions (apply to every function unless its docstring says otherwise):
 * - Pointer parameters are non-NULL.
 * - Lengths and sizes are in bytes; times are UTC seconds since 1970.
 * - "borrowed": the callee neither frees nor keeps the pointer past the call
 *   (or, for returned pointers, the parent object owns it). "owned": the
 *   receiver frees it with the function named.
 * - Functions return uy_err (UY_OK = 0, failures negative). UY_ERR_USAGE
 *   (a caller bug) is possible everywhere and not listed per function.
 * - A malformed artefact is a verdict, never an error.
 * - MUST and SHOULD in docstrings are the standards' words.
 */
#ifndef UYUM_UYUM_H
#define UYUM_UYUM_H

#define UY_VERSION "0.1.0"

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_cades.h"
#include "uyum/uy_check.h"
#include "uyum/uy_err.h"
#include "uyum/uy_eyp.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_ltv.h"
#include "uyum/uy_online.h"
#include "uyum/uy_path.h"
#include "uyum/uy_pkg.h"
#include "uyum/uy_profile.h"
#include "uyum/uy_report.h"
#include "uyum/uy_tst.h"
#include "uyum/uy_validate.h"
#include "uyum/uy_verdict.h"
#include "uyum/uy_xml.h"

#endif /* UYUM_UYUM_H */
