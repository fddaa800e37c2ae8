#define _GNU_SOURCE
#include "CFileSpace.h"

#include <errno.h>
#include <fcntl.h>

#ifdef __linux__
#include <linux/falloc.h>
#endif

int storyline_punch_hole(int fd, long long offset, long long length) {
#ifdef __linux__
  return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
  (void)fd;
  (void)offset;
  (void)length;
  errno = ENOTSUP;
  return -1;
#endif
}
