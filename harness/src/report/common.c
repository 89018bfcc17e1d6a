/*
 * common.c - what the four report writers share: UTF-8 cleaning and
 * escaping, display labels and counts, and the atomic file write.
 */
#include "report/report_util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

_Static_assert(UY_MAX_REPORT <= (uint64_t)SIZE_MAX, "report cap fits size_t");

/* see report_util.h */
size_t uy_report__max_bytes = (size_t)UY_MAX_REPORT;

/* see report_util.h */
size_t
uy_report__next_cp(const uint8_t *p, size_t n, uint32_t *cp)
{
	uint8_t b0 = p[0];
	size_t need = 0;
	uint8_t lo = 0x80;
	uint8_t hi = 0xBF;
	uint32_t v = 0;

	/* *= Unicode 15.0 §3.9 Table 3-7, Well-Formed UTF-8 Byte Sequences.
	 * The second byte's range depends on the first; this excludes
	 * overlong forms, surrogates (ED A0..BF) and values above U+10FFFF. */
	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 1;
		v = b0 & 0x1Fu;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 2;
		v = b0 & 0x0Fu;
		lo = b0 == 0xE0 ? 0xA0 : 0x80;
		hi = b0 == 0xED ? 0x9F : 0xBF;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 3;
		v = b0 & 0x07u;
		lo = b0 == 0xF0 ? 0x90 : 0x80;
		hi = b0 == 0xF4 ? 0x8F : 0xBF;
	} else {
		/* 80..C1 and F5..FF never start a sequence. */
		*cp = UY_REPORT__REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		uint8_t min = i == 1 ? lo : 0x80;
		uint8_t max = i == 1 ? hi : 0xBF;
		if (i >= n || p[i] < min || p[i] > max) {
			/* The maximal subpart p[0..i-1] becomes one U+FFFD. */
			*cp = UY_REPORT__REPLACEMENT;
			return i;
		}
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	*cp = v;
	return need + 1;
}

/* see report_util.h */
uy_err
uy_report__put_cp(uy_buf *b, uint32_t cp)
{
	uint8_t u[4];
	size_t n = 0;

	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xC0 | (cp >> 6));
		u[1] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (uint8_t)(0xE0 | (cp >> 12));
		u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xF0 | (cp >> 18));
		u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return uy_buf_append(b, u, n);
}

/* see report_util.h */
int
uy_report__is_unsafe(uint32_t cp)
{
	/* *= W3C XML 1.0 (Fifth Edition) §2.2
	 *# Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
	 * DEL and C1 are legal XML but are terminal controls (C1 CSI is
	 * U+009B) and HTML parse errors, so they go too. */
	if (cp < 0x20) {
		return cp != 0x09 && cp != 0x0A && cp != 0x0D;
	}
	if (cp >= 0x7F && cp <= 0x9F) {
		return 1;
	}
	return cp == 0xFFFE || cp == 0xFFFF || uy_report__is_bidi(cp);
}

/* see report_util.h */
int
uy_report__is_bidi(uint32_t cp)
{
	/* Embeddings, overrides and isolates (Unicode UAX #9 §2.1-2.4) can
	 * make "fdp.exe" read as "exe.pdf" in a name from a package. */
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* see report_util.h */
uy_err
uy_report__clean(char **out, const char *s, unsigned flags)
{
	uy_err rc = UY_OK;
	uy_buf b;
	const uint8_t *p = (const uint8_t *)(s != NULL ? s : "");
	size_t n = strlen((const char *)p);

	*out = NULL;
	uy_buf_init(&b, (size_t)UY_MAX_REPORT, 0);
	/* Reserve the NUL that uy_buf_take promises even for "". */
	UY_TRY_OUT(uy_buf_append(&b, "", 0));
	while (n > 0) {
		uint32_t cp = 0;
		size_t used = uy_report__next_cp(p, n, &cp);
		if ((flags & UY_REPORT__NO_CONTROLS) != 0 && uy_report__is_unsafe(cp)) {
			cp = UY_REPORT__REPLACEMENT;
		}
		UY_TRY_OUT(uy_report__put_cp(&b, cp));
		p += used;
		n -= used;
	}
	*out = (char *)uy_buf_take(&b, NULL); /* now owned by caller */
done:
	uy_buf_dispose(&b);
	return rc;
}

/* see report_util.h */
uy_err
uy_report__html_text(uy_buf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = s != NULL ? strlen(s) : 0;

	while (n > 0) {
		uint32_t cp = 0;
		size_t used = uy_report__next_cp(p, n, &cp);
		p += used;
		n -= used;
		switch (cp) {
		case '&':
			UY_TRY(uy_buf_puts(b, "&amp;"));
			break;
		case '<':
			UY_TRY(uy_buf_puts(b, "&lt;"));
			break;
		case '>':
			UY_TRY(uy_buf_puts(b, "&gt;"));
			break;
		case '"':
			UY_TRY(uy_buf_puts(b, "&quot;"));
			break;
		case '\'':
			UY_TRY(uy_buf_puts(b, "&#39;"));
			break;
		default:
			if (uy_report__is_unsafe(cp)) {
				cp = UY_REPORT__REPLACEMENT;
			}
			UY_TRY(uy_report__put_cp(b, cp));
			break;
		}
	}
	return UY_OK;
}

/* see report_util.h */
uy_err
uy_report__json_str(uy_buf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = 0;

	if (s == NULL) {
		return uy_buf_puts(b, "null");
	}
	n = strlen(s);
	UY_TRY(uy_buf_puts(b, "\""));
	while (n > 0) {
		uint32_t cp = 0;
		size_t used = uy_report__next_cp(p, n, &cp);
		p += used;
		n -= used;
		/* *= RFC 8259 §7
		 *# All Unicode characters may be placed within the quotation marks,
		 *# except for the characters that MUST be escaped: quotation mark,
		 *# reverse solidus, and the control characters (U+0000 through
		 *# U+001F).
		 * DEL, C1, U+2028, U+2029 and the bidi controls are escaped too:
		 * they are legal but invisible, U+2028/9 end lines in JavaScript,
		 * and the bidi controls reorder what a reader sees. */
		if (cp == '"' || cp == '\\') {
			UY_TRY(uy_buf_printf(b, "\\%c", (char)cp));
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
		    cp == 0x2029 || uy_report__is_bidi(cp)) {
			UY_TRY(uy_buf_printf(b, "\\u%04x", (unsigned)cp));
		} else {
			UY_TRY(uy_report__put_cp(b, cp));
		}
	}
	return uy_buf_puts(b, "\"");
}

/* see report_util.h */
uy_report_class
uy_report__class(const uy_result *res)
{
	switch (res->status) {
	case UY_STATUS_PASSED:
		return UY_REPORT__PASSED;
	case UY_STATUS_NOT_EVALUATED:
		return UY_REPORT__NOT_EVALUATED;
	case UY_STATUS_FAILED:
	default:
		break;
	}
	switch (res->check->level) {
	case UY_LEVEL_WARN:
		return UY_REPORT__WARN;
	case UY_LEVEL_INFO:
		return UY_REPORT__INFO;
	case UY_LEVEL_FAIL:
	default:
		return UY_REPORT__FAIL;
	}
}

/* see report_util.h */
void
uy_report__count(const uy_pkg_report *p, uy_report_counts *c)
{
	for (size_t i = 0; i < p->n_results; i++) {
		c->n[uy_report__class(&p->results[i])]++;
	}
}

/* see report_util.h */
uy_pkg_verdict
uy_report__verdict(const uy_pkg_report *p)
{
	switch (p->verdict) {
	case UY_VERDICT_PASSED:
	case UY_VERDICT_FAILED:
		return p->verdict;
	case UY_VERDICT_INDETERMINATE:
	case UY_VERDICT_NONE:
	default:
		return UY_VERDICT_INDETERMINATE;
	}
}

/* see report_util.h */
const char *
uy_report__status_label(uy_report_class cls, uy_lang lang)
{
	int en = lang == UY_LANG_EN;

	switch (cls) {
	case UY_REPORT__FAIL:
		return en ? "FAILED" : "KALDI";
	case UY_REPORT__WARN:
		return en ? "WARNING" : "UYARI";
	case UY_REPORT__INFO:
		return en ? "INFO" : "BİLGİ";
	case UY_REPORT__NOT_EVALUATED:
		return en ? "NOT EVALUATED" : "DEĞERLENDİRİLMEDİ";
	case UY_REPORT__PASSED:
	default:
		return en ? "PASSED" : "GEÇTİ";
	}
}

/* see report_util.h */
const char *
uy_report__verdict_label(uy_pkg_verdict v, uy_lang lang)
{
	int en = lang == UY_LANG_EN;

	switch (v) {
	case UY_VERDICT_PASSED:
		return en ? "PASSED" : "UYGUN";
	case UY_VERDICT_FAILED:
		return en ? "FAILED" : "UYGUN DEĞİL";
	case UY_VERDICT_INDETERMINATE:
	case UY_VERDICT_NONE:
	default:
		return en ? "INDETERMINATE" : "BELİRSİZ";
	}
}

/* see report_util.h */
const char *
uy_report__message(const uy_result *res, uy_lang lang)
{
	const char *d = lang == UY_LANG_EN ? res->detail_en : res->detail_tr;

	if (d != NULL && d[0] != '\0') {
		return d;
	}
	return lang == UY_LANG_EN ? res->check->title_en : res->check->title_tr;
}

/* see report_util.h */
const char *
uy_report__recommendation(const uy_result *res, uy_lang lang)
{
	if (res->status == UY_STATUS_PASSED) {
		return NULL;
	}
	return lang == UY_LANG_EN ? res->check->rec_en : res->check->rec_tr;
}

/* Make the folder entry of a renamed file durable. Best effort: the report
 * is already in place, so a failure here is not worth failing the run. */
static void
common_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL;
	int fd = -1;

	if (slash == NULL) {
		dir = uy_strdup(".");
	} else {
		dir = uy_strndup(path, slash == path ? 1 : (size_t)(slash - path));
	}
	if (dir == NULL) {
		goto done;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		goto done;
	}
	(void)fsync(fd);
done:
	if (fd >= 0) {
		(void)close(fd);
	}
	uy_free(dir);
}

/* see uy_report.h */
uy_err
uy_report_write_atomic(const char *path, const void *data, size_t len)
{
	uy_err rc = UY_OK;
	char *tmp = NULL;
	int fd = -1;
	int tmp_exists = 0;
	const uint8_t *p = data;
	size_t left = len;
	mode_t mask = 0;

	UY_ASSERT_ARG(path != NULL && path[0] != '\0' && (data != NULL || len == 0));
	tmp = uy_asprintf("%s.tmp.XXXXXX", path);
	UY_ENSURE_OUT(tmp != NULL, UY_ERR_NOMEM);
	/* Same folder as the destination, so rename() stays atomic. */
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot create %s: %s", tmp, strerror(errno));
		goto done;
	}
	tmp_exists = 1;
	/* mkstemp() creates 0600; a report is meant to be read, so give it
	 * the mode open(O_CREAT, 0666) would have given. umask() can only be
	 * read by setting it: uyum is single-threaded where it writes. */
	mask = umask(0);
	(void)umask(mask);
	if (fchmod(fd, (mode_t)(0666 & ~mask)) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot set the mode of %s: %s", tmp, strerror(errno));
		goto done;
	}
	while (left > 0) {
		/* write() may write less than asked, or be interrupted. */
		size_t chunk = left > ((size_t)1 << 30) ? ((size_t)1 << 30) : left;
		ssize_t w = write(fd, p, chunk);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			rc = UY_ERROR(UY_ERR_IO, "cannot write %s: %s", tmp,
			    w < 0 ? strerror(errno) : "no progress");
			goto done;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot fsync %s: %s", tmp, strerror(errno));
		goto done;
	}
	{
		/* close() reports delayed write errors (NFS); the fd is gone
		 * whatever it returns. */
		int cr = close(fd);
		fd = -1;
		if (cr != 0) {
			rc = UY_ERROR(UY_ERR_IO, "cannot close %s: %s", tmp, strerror(errno));
			goto done;
		}
	}
	if (rename(tmp, path) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		goto done;
	}
	tmp_exists = 0;
	common_sync_dir(path);
done:
	if (fd >= 0) {
		(void)close(fd);
	}
	if (tmp_exists) {
		(void)unlink(tmp);
	}
	uy_free(tmp);
	return rc;
}

/* see report_util.h */
uy_err
uy_report__finish(uy_err rc, uy_buf *b, const char *path)
{
	if (rc == UY_OK) {
		rc = uy_report_write_atomic(path, b->ptr, b->len);
	}
	uy_buf_dispose(b);
	return rc;
}
