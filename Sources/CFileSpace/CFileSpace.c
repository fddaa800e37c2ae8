#define _GNU_SOURCE
#include "CFileSpace.h"

#include <errno.h>
#include <fcntl.h>

#ifdef __linux__
#include <linux/falloc.h>
#endif

#ifdef __GLIBC__
#include <malloc.h>
#endif

/// What each call gives where the system has no such call: -1, errno ENOTSUP.
static inline int unsupported(void) {
  errno = ENOTSUP;
  return -1;
}

int storyline_punch_hole(int fd, long long offset, long long length) {
#ifdef __linux__
  return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
  (void)fd, (void)offset, (void)length;
  return unsupported();
#endif
}

int storyline_open_unnamed(const char *directory) {
#if defined(__linux__) && defined(O_TMPFILE)
  return open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
  (void)directory;
  return unsupported();
#endif
}

int storyline_start_writeback(int fd, long long offset, long long length) {
#ifdef __linux__
  return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
  (void)fd, (void)offset, (void)length;
  return unsupported();
#endif
}

void storyline_trim_heap(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}
