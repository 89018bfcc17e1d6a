/*
 * selftest - uyum's conformance self-test.
 *
 *   selftest --manifest M --vecgen PATH --samples DIR --work DIR
 *            [--only CASE] [--no-vecgen] [-v]
 *
 * Runs uy-vecgen (fork + exec, no shell) to write every vector into DIR,
 * reads the manifest (testsuites/selftest/manifest.xml, format in
 * testsuites/selftest/README.md), checks each case's input with
 * uy_eyp_check_file() and compares, per case:
 *   - the set of FAILED check ids (any level; scope-qualified for checks
 *     reported inside an inner package) with the expected set, exactly;
 *   - the checks the case lists as NOT_EVALUATED;
 *   - the package verdict.
 * One line per case (MATCH / MISMATCH / HARNESS_ERROR), then a coverage
 * table: every check of the registry must be PASSED in some case and FAILED
 * in some case, unless the manifest lists it as <uncovered>. Ends with
 * "N passed, M failed" (cases). Exit status: 0 all matched and covered,
 * 1 a mismatch or a coverage gap, 2 a harness error (usage, vecgen,
 * manifest, or uyum returned an operational error).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_check.h"
#include "uyum/uy_eyp.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_xml.h"

/* Namespace of the manifest vocabulary. */
#define ST_NS "urn:uyum:testsuite:selftest:1"
/* The manifest is a small case file; cap it like any XML part. */
#define ST_MAX_MANIFEST UY_MAX_XML_PART
/* Expectations per case. */
#define ST_MAX_EXPECT 256u

/* One expected check: id and scope ("" for the package itself). */
typedef struct {
	char *id;
	char *scope;
} st_item;

typedef struct {
	char *id;
	char *spec;
	char *input;     /* path of the file to check */
	char *input_rel; /* as written in the manifest, for messages */
	uy_pkg_verdict verdict;
	st_item *fail;
	size_t n_fail;
	st_item *ne;
	size_t n_ne;
} st_case;

typedef struct {
	char *id;	/* a check id, or with `prefix` a namespace such as "cades::" */
	char *reason;
	int prefix;	/* every check under the namespace is covered by another test */
} st_uncovered;

typedef struct {
	st_case *cases;
	size_t n_cases;
	st_uncovered *unc;
	size_t n_unc;
} st_manifest;

typedef struct {
	const char *manifest;
	const char *vecgen;
	const char *samples;
	const char *work;
	const char *only;
	int no_vecgen;
	int verbose;
} st_opts;

/* Per-check coverage counters. */
typedef struct {
	unsigned passed;
	unsigned failed;
	unsigned not_evaluated;
} st_cov;

static void
st_items_free(st_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uy_free(it[i].id);
		uy_free(it[i].scope);
	}
	uy_free(it);
}

static void
st_manifest_dispose(st_manifest *m)
{
	for (size_t i = 0; i < m->n_cases; i++) {
		st_case *c = &m->cases[i];
		uy_free(c->id);
		uy_free(c->spec);
		uy_free(c->input);
		uy_free(c->input_rel);
		st_items_free(c->fail, c->n_fail);
		st_items_free(c->ne, c->n_ne);
	}
	uy_free(m->cases);
	for (size_t i = 0; i < m->n_unc; i++) {
		uy_free(m->unc[i].id);
		uy_free(m->unc[i].reason);
	}
	uy_free(m->unc);
	memset(m, 0, sizeof(*m));
}

/* ---- running uy-vecgen ---- */

/* fork + execv, no shell; the child's output goes to our stdout/stderr. */
static int
st_run_vecgen(const st_opts *o)
{
	char *argv[] = {(char *)o->vecgen, (char *)"--samples", (char *)o->samples, (char *)"--out",
	    (char *)o->work, NULL};
	int status = 0;

	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "selftest: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execv(o->vecgen, argv);
		fprintf(stderr, "selftest: cannot run %s: %s\n", o->vecgen, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "selftest: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "selftest: %s failed (status %d)\n", o->vecgen, status);
		return -1;
	}
	return 0;
}

/* ---- manifest ---- */

/* Read a whole file under a cap. */
static uy_err
st_read(const char *path, uint64_t cap, uy_buf *out)
{
	uy_err rc = UY_OK;
	FILE *f = fopen(path, "rb");
	uint8_t chunk[8192];

	uy_buf_init(out, (size_t)cap, 0);
	if (f == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot open %s: %s", path, strerror(errno));
	}
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0) {
			break;
		}
		UY_TRY_OUT(uy_buf_append(out, chunk, n));
	}
	if (ferror(f)) {
		rc = UY_ERROR(UY_ERR_IO, "cannot read %s", path);
	}
done:
	fclose(f);
	if (rc != UY_OK) {
		uy_buf_dispose(out);
	}
	return rc;
}

static uy_err
st_verdict_parse(const char *s, uy_pkg_verdict *out)
{
	static const struct {
		const char *name;
		uy_pkg_verdict v;
	} names[] = {{"PASSED", UY_VERDICT_PASSED}, {"FAILED", UY_VERDICT_FAILED},
	    {"INDETERMINATE", UY_VERDICT_INDETERMINATE}};

	for (size_t i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].v;
			return UY_OK;
		}
	}
	return UY_ERR_MANIFEST;
}

/* Append an expected check (validated against the registry). */
static uy_err
st_items_add(st_item **arr, size_t *n, const xmlNode *el, const char *case_id)
{
	char *id = uy_xml_attr(el, "check");
	char *scope = uy_xml_attr(el, "scope");
	uy_err rc = UY_OK;

	if (id == NULL || uy_check_find(id) == NULL) {
		fprintf(stderr, "selftest: manifest: case %s: unknown check '%s' (line %ld)\n", case_id,
		    id != NULL ? id : "(none)", uy_xml_line(el));
		rc = UY_ERR_MANIFEST;
		goto done;
	}
	if (scope == NULL) {
		scope = uy_strdup("");
		UY_ENSURE_OUT(scope != NULL, UY_ERR_NOMEM);
	}
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*arr)[i].id, id) == 0 && strcmp((*arr)[i].scope, scope) == 0) {
			fprintf(stderr, "selftest: manifest: case %s lists %s twice\n", case_id, id);
			rc = UY_ERR_MANIFEST;
			goto done;
		}
	}
	UY_ENSURE_OUT(*n < ST_MAX_EXPECT, UY_ERR_MANIFEST);
	st_item *na = uy_realloc(*arr, (*n + 1) * sizeof(*na));
	UY_ENSURE_OUT(na != NULL, UY_ERR_NOMEM);
	*arr = na;
	na[*n].id = id;
	na[*n].scope = scope;
	(*n)++;
	id = NULL;
	scope = NULL; /* now owned by the array */
done:
	uy_free(id);
	uy_free(scope);
	return rc;
}

/* Parse one <case>. */
static uy_err
st_case_parse(st_case *c, const xmlNode *el, const st_opts *o)
{
	uy_err rc = UY_OK;
	char *sample = NULL;
	char *vector = NULL;
	char *verdict = NULL;

	memset(c, 0, sizeof(*c));
	c->id = uy_xml_attr(el, "id");
	if (c->id == NULL || strstr(c->id, "::") == NULL) {
		fprintf(stderr, "selftest: manifest: case without a namespaced id (line %ld)\n",
		    uy_xml_line(el));
		return UY_ERR_MANIFEST;
	}
	xmlNodePtr spec = uy_xml_child(el, ST_NS, "spec");
	xmlNodePtr input = uy_xml_child(el, ST_NS, "input");
	xmlNodePtr expect = uy_xml_child(el, ST_NS, "expect");
	if (spec == NULL || input == NULL || expect == NULL) {
		fprintf(stderr, "selftest: manifest: case %s needs <spec>, <input> and <expect>\n", c->id);
		return UY_ERR_MANIFEST;
	}
	c->spec = uy_xml_text(spec);
	UY_ENSURE_OUT(c->spec != NULL, UY_ERR_NOMEM);
	sample = uy_xml_attr(input, "sample");
	vector = uy_xml_attr(input, "vector");
	if ((sample == NULL) == (vector == NULL) || strchr(sample != NULL ? sample : vector, '/') != NULL) {
		fprintf(stderr, "selftest: manifest: case %s: <input> needs one of sample= or vector= "
		                "(a file name)\n", c->id);
		rc = UY_ERR_MANIFEST;
		goto done;
	}
	c->input_rel = uy_strdup(sample != NULL ? sample : vector);
	c->input = uy_asprintf("%s/%s", sample != NULL ? o->samples : o->work, c->input_rel);
	UY_ENSURE_OUT(c->input_rel != NULL && c->input != NULL, UY_ERR_NOMEM);
	verdict = uy_xml_attr(expect, "verdict");
	if (st_verdict_parse(verdict, &c->verdict) != UY_OK) {
		fprintf(stderr, "selftest: manifest: case %s: verdict must be PASSED, FAILED or "
		                "INDETERMINATE\n", c->id);
		rc = UY_ERR_MANIFEST;
		goto done;
	}
	for (xmlNodePtr x = uy_xml_first_element(expect); x != NULL; x = uy_xml_next(x, NULL, NULL)) {
		if (uy_xml_is(x, ST_NS, "fail")) {
			UY_TRY_OUT(st_items_add(&c->fail, &c->n_fail, x, c->id));
		} else if (uy_xml_is(x, ST_NS, "not-evaluated")) {
			UY_TRY_OUT(st_items_add(&c->ne, &c->n_ne, x, c->id));
		} else {
			fprintf(stderr, "selftest: manifest: case %s: unknown element <%s>\n", c->id, x->name);
			rc = UY_ERR_MANIFEST;
			goto done;
		}
	}
done:
	uy_free(sample);
	uy_free(vector);
	uy_free(verdict);
	return rc;
}

static uy_err
st_manifest_load(st_manifest *m, const st_opts *o)
{
	uy_err rc = UY_OK;
	uy_buf bytes;
	xmlDocPtr doc = NULL;
	uy_xml_error xerr;

	memset(m, 0, sizeof(*m));
	memset(&xerr, 0, sizeof(xerr));
	UY_TRY(st_read(o->manifest, ST_MAX_MANIFEST, &bytes));
	rc = uy_xml_parse(&doc, &xerr, uy_buf_span(&bytes));
	uy_buf_dispose(&bytes);
	if (rc != UY_OK) {
		fprintf(stderr, "selftest: manifest %s: line %ld: %s\n", o->manifest, xerr.line, xerr.msg);
		return UY_ERR_MANIFEST;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!uy_xml_is(root, ST_NS, "selftest")) {
		fprintf(stderr, "selftest: manifest root must be {%s}selftest\n", ST_NS);
		rc = UY_ERR_MANIFEST;
		goto done;
	}
	for (xmlNodePtr x = uy_xml_first_element(root); x != NULL; x = uy_xml_next(x, NULL, NULL)) {
		if (uy_xml_is(x, ST_NS, "case")) {
			st_case *nc = uy_realloc(m->cases, (m->n_cases + 1) * sizeof(*nc));
			UY_ENSURE_OUT(nc != NULL, UY_ERR_NOMEM);
			m->cases = nc;
			rc = st_case_parse(&m->cases[m->n_cases], x, o);
			m->n_cases++; /* parsed fields are freed by dispose even on error */
			UY_TRY_OUT(rc);
			for (size_t i = 0; i + 1 < m->n_cases; i++) {
				if (strcmp(m->cases[i].id, m->cases[m->n_cases - 1].id) == 0) {
					fprintf(stderr, "selftest: manifest: duplicate case id %s\n",
					    m->cases[i].id);
					rc = UY_ERR_MANIFEST;
					goto done;
				}
			}
		} else if (uy_xml_is(x, ST_NS, "uncovered")) {
			st_uncovered *nu = uy_realloc(m->unc, (m->n_unc + 1) * sizeof(*nu));
			UY_ENSURE_OUT(nu != NULL, UY_ERR_NOMEM);
			m->unc = nu;
			st_uncovered *u = &m->unc[m->n_unc++];
			u->id = uy_xml_attr(x, "check");
			u->prefix = 0;
			if (u->id == NULL) {
				u->id = uy_xml_attr(x, "prefix");
				u->prefix = u->id != NULL;
			}
			u->reason = uy_xml_attr(x, "reason");
			int known = 0;
			for (int k = 0; u->id != NULL && k < (int)UY_CHECK__COUNT; k++) {
				const char *cid = uy_check_get((uy_check_id)k)->id;
				known |= u->prefix ? strncmp(cid, u->id, strlen(u->id)) == 0
				                   : strcmp(cid, u->id) == 0;
			}
			if (!known || u->reason == NULL || u->reason[0] == '\0') {
				fprintf(stderr, "selftest: manifest: <uncovered> needs a known check and a "
				                "reason (line %ld)\n", uy_xml_line(x));
				rc = UY_ERR_MANIFEST;
				goto done;
			}
		} else {
			fprintf(stderr, "selftest: manifest: unknown element <%s> (line %ld)\n", x->name,
			    uy_xml_line(x));
			rc = UY_ERR_MANIFEST;
			goto done;
		}
	}
done:
	xmlFreeDoc(doc);
	if (rc != UY_OK) {
		st_manifest_dispose(m);
	}
	return rc;
}

/* ---- comparing ---- */

static int
st_listed(const st_item *it, size_t n, const char *id, const char *scope)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(it[i].id, id) == 0 && strcmp(it[i].scope, scope) == 0) {
			return 1;
		}
	}
	return 0;
}

/* The first result of a check in a scope with the given status, or NULL. */
static const uy_result *
st_result(const uy_pkg_report *r, const char *id, const char *scope, uy_status st)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *x = &r->results[i];
		if (x->status == st && strcmp(x->check->id, id) == 0 && strcmp(x->scope, scope) == 0) {
			return x;
		}
	}
	return NULL;
}

/* Print "  label id [scope] (LEVEL): detail" for a difference. */
static void
st_diff_line(const char *label, const char *id, const char *scope, const uy_result *why)
{
	const uy_check_def *d = uy_check_find(id);

	printf("    %s %s%s%s%s (%s)", label, id, scope[0] ? " [" : "", scope, scope[0] ? "]" : "",
	    d != NULL ? uy_level_name(d->level) : "?");
	if (why != NULL && why->detail_en != NULL) {
		printf(": %s%s%s", why->part != NULL ? why->part : "", why->part != NULL ? ": " : "",
		    why->detail_en);
	}
	printf("\n");
}

/* Compare one report with its case; 1 on MATCH. Prints the differences. */
static int
st_compare(const st_case *c, const uy_pkg_report *r)
{
	int ok = 1;

	/* Every FAILED (check, scope) in the report must be expected ... */
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *x = &r->results[i];
		if (x->status != UY_STATUS_FAILED) {
			continue;
		}
		/* Report each unexpected (check, scope) once. */
		if (st_result(r, x->check->id, x->scope, UY_STATUS_FAILED) != x) {
			continue;
		}
		if (!st_listed(c->fail, c->n_fail, x->check->id, x->scope)) {
			if (ok) {
				printf("MISMATCH %s (%s)\n", c->id, c->input_rel);
			}
			ok = 0;
			st_diff_line("unexpected FAILED", x->check->id, x->scope, x);
		}
	}
	/* ... and every expected one present. */
	for (size_t i = 0; i < c->n_fail; i++) {
		if (st_result(r, c->fail[i].id, c->fail[i].scope, UY_STATUS_FAILED) == NULL) {
			if (ok) {
				printf("MISMATCH %s (%s)\n", c->id, c->input_rel);
			}
			ok = 0;
			const uy_result *ne = st_result(r, c->fail[i].id, c->fail[i].scope,
			    UY_STATUS_NOT_EVALUATED);
			st_diff_line(ne != NULL ? "missing FAILED (was NOT_EVALUATED)" : "missing FAILED",
			    c->fail[i].id, c->fail[i].scope, ne);
		}
	}
	for (size_t i = 0; i < c->n_ne; i++) {
		if (st_result(r, c->ne[i].id, c->ne[i].scope, UY_STATUS_NOT_EVALUATED) == NULL) {
			if (ok) {
				printf("MISMATCH %s (%s)\n", c->id, c->input_rel);
			}
			ok = 0;
			st_diff_line("missing NOT_EVALUATED", c->ne[i].id, c->ne[i].scope, NULL);
		}
	}
	if (r->verdict != c->verdict) {
		if (ok) {
			printf("MISMATCH %s (%s)\n", c->id, c->input_rel);
		}
		ok = 0;
		printf("    verdict %s, expected %s\n", uy_verdict_name(r->verdict),
		    uy_verdict_name(c->verdict));
	}
	return ok;
}

/* ---- coverage ---- */

static void
st_cover(st_cov *cov, const uy_pkg_report *r)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *x = &r->results[i];
		st_cov *k = &cov[x->check->num];
		switch (x->status) {
		case UY_STATUS_PASSED:
			k->passed++;
			break;
		case UY_STATUS_FAILED:
			k->failed++;
			break;
		case UY_STATUS_NOT_EVALUATED:
			k->not_evaluated++;
			break;
		default:
			break;
		}
	}
}

/* Print the coverage table; returns the number of gaps (uncovered checks
 * not listed, and listed checks that are in fact covered). */
static unsigned
st_coverage(const st_cov *cov, const st_manifest *m)
{
	unsigned gaps = 0;

	printf("\ncoverage (cases in which each check was PASSED / FAILED / NOT_EVALUATED):\n");
	for (int i = 0; i < (int)UY_CHECK__COUNT; i++) {
		const uy_check_def *d = uy_check_get((uy_check_id)i);
		const st_cov *k = &cov[i];
		const st_uncovered *u = NULL;
		for (size_t j = 0; j < m->n_unc; j++) {
			if (m->unc[j].prefix ? strncmp(d->id, m->unc[j].id, strlen(m->unc[j].id)) == 0
			                     : strcmp(m->unc[j].id, d->id) == 0) {
				u = &m->unc[j];
			}
		}
		int covered = k->passed > 0 && k->failed > 0;
		const char *state = covered ? "ok" : (u != NULL ? "uncovered (listed)" : "UNCOVERED");
		if (covered && u != NULL && !u->prefix) {
			state = "COVERED BUT LISTED AS UNCOVERED";
			gaps++;
		} else if (!covered && u == NULL) {
			gaps++;
		}
		printf("  %-48s %-5s %5u %5u %5u  %s%s%s\n", d->id, uy_level_name(d->level), k->passed,
		    k->failed, k->not_evaluated, state, u != NULL ? ": " : "", u != NULL ? u->reason : "");
	}
	return gaps;
}

/* Vectors that no case uses (every vector needs a case). The list is the
 * vectors.txt uy-vecgen writes, so stale files in the folder do not count. */
static unsigned
st_unused_vectors(const st_manifest *m, const st_opts *o)
{
	unsigned unused = 0;
	char *path = uy_asprintf("%s/vectors.txt", o->work);
	uy_buf list;

	if (path == NULL || st_read(path, 1u << 20, &list) != UY_OK) {
		printf("selftest: no %s/vectors.txt; vectors without a case are not listed\n", o->work);
		uy_free(path);
		return 0;
	}
	uy_free(path);
	size_t wl = strlen(o->work);
	const char *s = (const char *)list.ptr;
	size_t n = list.len;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e] != '\n') {
			e++;
		}
		size_t len = e - i;
		int used = len == 0;
		for (size_t k = 0; k < m->n_cases && !used; k++) {
			const char *in = m->cases[k].input;
			used = strncmp(in, o->work, wl) == 0 && in[wl] == '/' && strlen(in + wl + 1) == len &&
			    memcmp(in + wl + 1, s + i, len) == 0;
		}
		if (!used) {
			printf("UNUSED vector %.*s: no case checks it\n", (int)len, s + i);
			unused++;
		}
		i = e + 1;
	}
	uy_buf_dispose(&list);
	return unused;
}

/* ---- main ---- */

static int
st_parse_args(st_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--manifest") == 0) {
			slot = &o->manifest;
		} else if (strcmp(a, "--vecgen") == 0) {
			slot = &o->vecgen;
		} else if (strcmp(a, "--samples") == 0) {
			slot = &o->samples;
		} else if (strcmp(a, "--work") == 0) {
			slot = &o->work;
		} else if (strcmp(a, "--only") == 0) {
			slot = &o->only;
		} else if (strcmp(a, "--no-vecgen") == 0) {
			o->no_vecgen = 1;
			continue;
		} else if (strcmp(a, "-v") == 0) {
			o->verbose = 1;
			continue;
		} else {
			fprintf(stderr, "selftest: unknown argument %s\n", a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "selftest: %s needs a value\n", a);
			return -1;
		}
		*slot = argv[++i];
	}
	if (o->manifest == NULL || o->samples == NULL || o->work == NULL ||
	    (o->vecgen == NULL && !o->no_vecgen)) {
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	st_opts o;
	st_manifest m;
	st_cov *cov = NULL;
	unsigned matched = 0;
	unsigned mismatched = 0;
	unsigned harness_errors = 0;
	unsigned ran = 0;
	int exit_code = 0;

	if (st_parse_args(&o, argc, argv) != 0) {
		fprintf(stderr, "usage: selftest --manifest M --vecgen PATH --samples DIR --work DIR "
		                "[--only CASE] [--no-vecgen] [-v]\n");
		return 2;
	}
	if (!o.no_vecgen) {
		if (mkdir(o.work, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "selftest: cannot create %s: %s\n", o.work, strerror(errno));
			return 2;
		}
		if (st_run_vecgen(&o) != 0) {
			return 2;
		}
	}
	if (st_manifest_load(&m, &o) != UY_OK) {
		return 2;
	}
	cov = uy_calloc(UY_CHECK__COUNT, sizeof(*cov));
	if (cov == NULL) {
		st_manifest_dispose(&m);
		return 2;
	}
	for (size_t i = 0; i < m.n_cases; i++) {
		const st_case *c = &m.cases[i];
		uy_pkg_report rep;
		if (o.only != NULL && strcmp(o.only, c->id) != 0) {
			continue;
		}
		ran++;
		memset(&rep, 0, sizeof(rep));
		uy_error_clear();
		uy_err rc = uy_eyp_check_file(&rep, c->input);
		if (rc != UY_OK) {
			printf("HARNESS_ERROR %s (%s): %s\n", c->id, c->input_rel, uy_error_last());
			harness_errors++;
			uy_pkg_report_dispose(&rep);
			continue;
		}
		st_cover(cov, &rep);
		if (st_compare(c, &rep)) {
			printf("MATCH %s\n", c->id);
			matched++;
		} else {
			mismatched++;
		}
		if (o.verbose) {
			for (size_t k = 0; k < rep.n_results; k++) {
				const uy_result *x = &rep.results[k];
				if (x->status == UY_STATUS_PASSED) {
					continue;
				}
				printf("    = %s %s%s%s: %s\n", uy_status_name(x->status), x->check->id,
				    x->scope[0] ? " @" : "", x->scope,
				    x->detail_en != NULL ? x->detail_en : "");
			}
		}
		uy_pkg_report_dispose(&rep);
	}
	if (o.only != NULL && ran == 0) {
		fprintf(stderr, "selftest: no case %s\n", o.only);
		exit_code = 2;
	}
	if (o.only == NULL) {
		unsigned gaps = st_coverage(cov, &m);
		unsigned unused = st_unused_vectors(&m, &o);
		if (gaps > 0) {
			printf("%u check(s) not covered as the manifest says\n", gaps);
			exit_code = exit_code ? exit_code : 1;
		}
		if (unused > 0) {
			exit_code = exit_code ? exit_code : 1;
		}
	}
	if (mismatched > 0 && exit_code == 0) {
		exit_code = 1;
	}
	if (harness_errors > 0) {
		printf("%u harness error(s)\n", harness_errors);
		exit_code = 2;
	}
	printf("%u passed, %u failed\n", matched, mismatched + harness_errors);
	uy_free(cov);
	st_manifest_dispose(&m);
	return exit_code;
}
