// SQLite, plus the SQLITE_TRANSIENT macro that Swift cannot import.
#include <sqlite3.h>

static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
