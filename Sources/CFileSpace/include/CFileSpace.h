#ifndef C_FILE_SPACE_H
#define C_FILE_SPACE_H

/// Gives back the storage of `length` bytes of the open file `fd` from `offset` (they read as
/// zeros after), keeping its size: Linux's fallocate(FALLOC_FL_PUNCH_HOLE). 0 on success, -1
/// (errno set) where the system or the file system cannot.
int storyline_punch_hole(int fd, long long offset, long long length);

/// Opens a new file with no name in the folder `directory`, for reading and writing, readable
/// by its owner only: Linux's open(O_TMPFILE). The descriptor, or -1 (errno set) where the
/// system or the file system cannot.
int storyline_open_unnamed(const char *directory);

/// Starts writing `length` bytes of the open file `fd` from `offset` to disk, without waiting
/// for it: Linux's sync_file_range(SYNC_FILE_RANGE_WRITE). A later fsync then finds most of
/// the file written. 0 on success, -1 (errno set) where the system cannot.
int storyline_start_writeback(int fd, long long offset, long long length);

/// Gives the heap's free memory back to the system, in every thread's arena: glibc's
/// malloc_trim(0). Does nothing with another C library.
void storyline_trim_heap(void);

#endif
