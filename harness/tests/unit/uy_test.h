/* uy_test.h - shared helpers for the Check unit tests. */
#ifndef UY_TEST_H
#define UY_TEST_H

#include <check.h>
#include <stdlib.h>

/* Each check_<module>.c defines uy_<module>_suite() and uses this main. */
#define UY_TEST_MAIN(suite_fn) \
	int main(void) \
	{ \
		SRunner *sr = srunner_create(suite_fn()); \
		srunner_run_all(sr, CK_NORMAL); \
		int failed = srunner_ntests_failed(sr); \
		srunner_free(sr); \
		return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE; \
	}

#endif
