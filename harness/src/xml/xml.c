/* being written: owner fills this file */
