/*
 * uyum: the command line. Argument parsing and main() only; the work is in
 * uy_core (uy_eyp_check_file, uy_report_write_*).
 *
 * Exit codes: 0 every package PASSED; 1 at least one package FAILED;
 * 3 none FAILED but at least one INDETERMINATE (a check could not be
 * evaluated); 2 usage or harness error (nothing checked, or a file could not
 * be read, or a report could not be written).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uyum/uyum.h"

#define EXIT_ALL_PASSED 0
#define EXIT_FAILED 1
#define EXIT_HARNESS 2
#define EXIT_INDETERMINATE 3

/* Packages found under the folders given; a bound against runaway trees. */
#define MAX_INPUTS 100000u
#define MAX_DIR_DEPTH 32

enum { FMT_HTML = 1, FMT_CSV = 2, FMT_JUNIT = 4, FMT_JSON = 8, FMT_ALL = 15 };

typedef struct {
	char **items;
	size_t n;
	size_t alloc;
} str_list;

static void
usage(FILE *f)
{
	fprintf(f,
	    "Usage: uyum check [options] PATH...\n"
	    "       uyum --help | --version\n"
	    "\n"
	    "Check e-Yazışma packages (.eyp, .eyps, .eypg; 1.x and 2.x) against the e-Yazışma\n"
	    "Technical Guide and write a conformance report. PATH is a package file or a folder,\n"
	    "searched recursively for *.eyp, *.eyps and *.eypg.\n"
	    "\n"
	    "Options:\n"
	    "  -o, --report-dir DIR   folder for the reports (default: reports); created if missing\n"
	    "  -f, --format LIST      comma-separated: html,csv,junit,json or all (default: all)\n"
	    "  -l, --lang tr|en       language of the HTML report (default: tr)\n"
	    "  -q, --quiet            no progress or summary on stderr\n"
	    "  -h, --help             this help\n"
	    "  -V, --version          the version\n"
	    "\n"
	    "Reports: uyum-report.html, uyum-report.csv, uyum-report.junit.xml, uyum-report.json\n"
	    "\n"
	    "Exit status: 0 all packages PASSED; 1 at least one FAILED; 3 none FAILED but at least\n"
	    "one INDETERMINATE (a required check could not be evaluated); 2 usage or harness error.\n");
}

static int
list_add(str_list *l, const char *s)
{
	if (l->n >= MAX_INPUTS) {
		fprintf(stderr, "uyum: more than %u packages; stopping the search\n", MAX_INPUTS);
		return -1;
	}
	if (l->n == l->alloc) {
		size_t n = l->alloc == 0 ? 16 : l->alloc * 2;
		char **p = uy_realloc(l->items, n * sizeof(*p));
		if (p == NULL) {
			return -1;
		}
		l->items = p;
		l->alloc = n;
	}
	l->items[l->n] = uy_strdup(s);
	if (l->items[l->n] == NULL) {
		return -1;
	}
	l->n++;
	return 0;
}

static void
list_free(str_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		uy_free(l->items[i]);
	}
	uy_free(l->items);
}

static int
is_package_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot != NULL && (strcasecmp(dot, ".eyp") == 0 || strcasecmp(dot, ".eyps") == 0 ||
	    strcasecmp(dot, ".eypg") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect package files below dir, in name order, without following links. */
static int
collect_dir(str_list *out, const char *dir, int depth)
{
	DIR *d = NULL;
	struct dirent *e = NULL;
	str_list here = {NULL, 0, 0};
	int rc = 0;

	if (depth > MAX_DIR_DEPTH) {
		fprintf(stderr, "uyum: %s: folders nested too deep; skipped\n", dir);
		return 0;
	}
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "uyum: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char *p = uy_asprintf("%s/%s", dir, e->d_name);
		if (p == NULL || list_add(&here, p) != 0) {
			uy_free(p);
			rc = -1;
			break;
		}
		uy_free(p);
	}
	closedir(d);
	if (here.n > 1) {
		qsort(here.items, here.n, sizeof(*here.items), cmp_str);
	}
	for (size_t i = 0; rc == 0 && i < here.n; i++) {
		struct stat st;
		if (lstat(here.items[i], &st) != 0) {
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = collect_dir(out, here.items[i], depth + 1);
		} else if (S_ISREG(st.st_mode) && is_package_name(here.items[i])) {
			rc = list_add(out, here.items[i]);
		}
	}
	list_free(&here);
	return rc;
}

static int
parse_formats(const char *s, unsigned *out)
{
	unsigned f = 0;
	const char *p = s;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (n == 3 && strncmp(p, "all", n) == 0) {
			f |= FMT_ALL;
		} else if (n == 4 && strncmp(p, "html", n) == 0) {
			f |= FMT_HTML;
		} else if (n == 3 && strncmp(p, "csv", n) == 0) {
			f |= FMT_CSV;
		} else if (n == 5 && strncmp(p, "junit", n) == 0) {
			f |= FMT_JUNIT;
		} else if (n == 4 && strncmp(p, "json", n) == 0) {
			f |= FMT_JSON;
		} else {
			return -1;
		}
		p += n;
		if (*p == ',') {
			p++;
		}
	}
	*out = f;
	return f != 0 ? 0 : -1;
}

static int
mkdir_p(const char *path)
{
	char *tmp = uy_strdup(path);
	int rc = 0;

	if (tmp == NULL) {
		return -1;
	}
	for (char *p = tmp + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
				rc = -1;
			}
			*p = '/';
		}
	}
	if (rc == 0 && mkdir(tmp, 0777) != 0 && errno != EEXIST) {
		rc = -1;
	}
	uy_free(tmp);
	return rc;
}

typedef uy_err (*writer_fn)(const uy_run *run, const char *path);

static int
write_reports(const uy_run *run, const char *dir, unsigned formats, int quiet)
{
	static const struct {
		unsigned flag;
		const char *file;
		writer_fn fn;
	} writers[] = {
	    {FMT_HTML, "uyum-report.html", uy_report_write_html},
	    {FMT_CSV, "uyum-report.csv", uy_report_write_csv},
	    {FMT_JUNIT, "uyum-report.junit.xml", uy_report_write_junit},
	    {FMT_JSON, "uyum-report.json", uy_report_write_json},
	};
	int rc = 0;

	if (mkdir_p(dir) != 0) {
		fprintf(stderr, "uyum: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		if ((formats & writers[i].flag) == 0) {
			continue;
		}
		char *path = uy_asprintf("%s/%s", dir, writers[i].file);
		if (path == NULL) {
			return -1;
		}
		uy_error_clear();
		uy_err e = writers[i].fn(run, path);
		if (e != UY_OK) {
			fprintf(stderr, "uyum: cannot write %s: %s %s\n", path, uy_err_name(e),
			    uy_error_last());
			rc = -1;
		} else if (!quiet) {
			fprintf(stderr, "uyum: wrote %s\n", path);
		}
		uy_free(path);
	}
	return rc;
}

static int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"report-dir", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	const char *report_dir = "reports";
	unsigned formats = FMT_ALL;
	uy_lang lang = UY_LANG_TR;
	int quiet = 0;
	int c = 0;
	str_list inputs = {NULL, 0, 0};
	uy_pkg_report *reps = NULL;
	size_t n_reps = 0;
	int harness_error = 0;
	int exit_code = EXIT_ALL_PASSED;
	size_t counts[4] = {0, 0, 0, 0};

	while ((c = getopt_long(argc, argv, "o:f:l:qhV", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			report_dir = optarg;
			break;
		case 'f':
			if (parse_formats(optarg, &formats) != 0) {
				fprintf(stderr, "uyum: --format takes html,csv,junit,json or all\n");
				return EXIT_HARNESS;
			}
			break;
		case 'l':
			if (strcmp(optarg, "tr") == 0) {
				lang = UY_LANG_TR;
			} else if (strcmp(optarg, "en") == 0) {
				lang = UY_LANG_EN;
			} else {
				fprintf(stderr, "uyum: --lang takes tr or en\n");
				return EXIT_HARNESS;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_ALL_PASSED;
		case 'V':
			printf("uyum %s\n", UY_VERSION);
			return EXIT_ALL_PASSED;
		default:
			usage(stderr);
			return EXIT_HARNESS;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "uyum check: no PATH given\n");
		usage(stderr);
		return EXIT_HARNESS;
	}
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "uyum: %s: %s\n", argv[i], strerror(errno));
			harness_error = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (collect_dir(&inputs, argv[i], 0) != 0) {
				harness_error = 1;
			}
		} else if (list_add(&inputs, argv[i]) != 0) {
			harness_error = 1;
		}
	}
	if (inputs.n == 0) {
		fprintf(stderr, "uyum check: no package found\n");
		list_free(&inputs);
		return EXIT_HARNESS;
	}
	reps = uy_calloc(inputs.n, sizeof(*reps));
	if (reps == NULL) {
		list_free(&inputs);
		return EXIT_HARNESS;
	}
	for (size_t i = 0; i < inputs.n; i++) {
		uy_pkg_report *r = &reps[n_reps];
		uy_error_clear();
		uy_err e = uy_eyp_check_file(r, inputs.items[i]);
		if (e != UY_OK) {
			fprintf(stderr, "uyum: %s: harness error %s %s\n", inputs.items[i], uy_err_name(e),
			    uy_error_last());
			uy_pkg_report_dispose(r);
			harness_error = 1;
			continue;
		}
		n_reps++;
		counts[r->verdict]++;
		if (!quiet && inputs.n > 1) {
			fprintf(stderr, "[%zu/%zu] %s: %s\n", i + 1, inputs.n, inputs.items[i],
			    uy_verdict_name(r->verdict));
		}
	}
	{
		uy_run run = {reps, n_reps, lang, UY_VERSION};
		if (n_reps > 0 && write_reports(&run, report_dir, formats, quiet) != 0) {
			harness_error = 1;
		}
	}
	if (!quiet) {
		fprintf(stderr, "uyum: %zu package(s): %zu PASSED, %zu FAILED, %zu INDETERMINATE\n",
		    n_reps, counts[UY_VERDICT_PASSED], counts[UY_VERDICT_FAILED],
		    counts[UY_VERDICT_INDETERMINATE]);
	}
	if (harness_error) {
		exit_code = EXIT_HARNESS;
	} else if (counts[UY_VERDICT_FAILED] > 0) {
		exit_code = EXIT_FAILED;
	} else if (counts[UY_VERDICT_INDETERMINATE] > 0) {
		exit_code = EXIT_INDETERMINATE;
	}
	for (size_t i = 0; i < n_reps; i++) {
		uy_pkg_report_dispose(&reps[i]);
	}
	uy_free(reps);
	list_free(&inputs);
	return exit_code;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return EXIT_ALL_PASSED;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("uyum %s\n", UY_VERSION);
		return EXIT_ALL_PASSED;
	}
	if (argc >= 2 && strcmp(argv[1], "check") == 0) {
		return cmd_check(argc - 1, argv + 1);
	}
	usage(stderr);
	return EXIT_HARNESS;
}
