/*
 * replay.c - run LLVMFuzzerTestOneInput over seed files without libFuzzer
 * (ctest label fuzz-replay). Usage: fuzz_replay DIR...
 *
 * Every regular file directly in each directory is one input (no
 * recursion; missing directories are skipped), in name order so runs are
 * reproducible. The exit status is 0 unless an input cannot be read; a
 * crash or a sanitizer report ends the process on its own.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "uyum/uy_alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Seeds are small; a bigger file is a mistake in the corpus, not an input. */
#define REPLAY_MAX_INPUT ((size_t)64 << 20)

static int
replay_name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read a whole file (at most REPLAY_MAX_INPUT bytes); 0 on success. */
static int
replay_read(const char *path, uint8_t **out, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size = 0;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (fp == NULL) {
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) != 0) {
		goto done;
	}
	size = ftell(fp);
	if (size < 0 || (size_t)size > REPLAY_MAX_INPUT || fseek(fp, 0, SEEK_SET) != 0) {
		goto done;
	}
	buf = uy_alloc((size_t)size);
	if (buf == NULL || fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		goto done;
	}
	*out = buf;
	*len = (size_t)size;
	buf = NULL;
	rc = 0;
done:
	uy_free(buf);
	fclose(fp);
	return rc;
}

/* Run every regular file of dir; counts runs and unreadable files. */
static void
replay_dir(const char *dir, size_t *runs, size_t *errors)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	size_t alloc = 0;
	struct dirent *e = NULL;

	if (d == NULL) {
		fprintf(stderr, "fuzz-replay: skipping %s (not a readable directory)\n", dir);
		return;
	}
	for (e = readdir(d); e != NULL; e = readdir(d)) {
		if (e->d_name[0] == '.') {
			continue;
		}
		if (n == alloc) {
			size_t na = alloc == 0 ? 16 : alloc * 2;
			char **nn = uy_realloc(names, na * sizeof(*nn));
			if (nn == NULL) {
				(*errors)++;
				break;
			}
			names = nn;
			alloc = na;
		}
		names[n] = uy_asprintf("%s/%s", dir, e->d_name);
		if (names[n] == NULL) {
			(*errors)++;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 1) {
		qsort(names, n, sizeof(*names), replay_name_order);
	}
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		uint8_t *data = NULL;
		size_t len = 0;
		if (stat(names[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
			continue;
		}
		if (replay_read(names[i], &data, &len) != 0) {
			fprintf(stderr, "fuzz-replay: cannot read %s\n", names[i]);
			(*errors)++;
			continue;
		}
		LLVMFuzzerTestOneInput(data, len);
		uy_free(data);
		(*runs)++;
	}
	for (size_t i = 0; i < n; i++) {
		uy_free(names[i]);
	}
	uy_free(names);
}

int
main(int argc, char **argv)
{
	size_t runs = 0;
	size_t errors = 0;

	for (int i = 1; i < argc; i++) {
		replay_dir(argv[i], &runs, &errors);
	}
	printf("fuzz-replay: %zu passed, %zu failed\n", runs, errors);
	return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
