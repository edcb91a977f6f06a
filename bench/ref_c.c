/* The practical limit of this machine: the bench rule as one plain C loop.
 *
 * Reads a long or wide CSV drop into memory, and for each sample parses the
 * timestamp and value, finds its (branch, metric) series in an open-addressing
 * hash table, scores the value against the state before it, moves the alert
 * (fires once per episode, as branchwatch does) and folds the value into the
 * exponentially weighted mean and variance with branchwatch's recursion.
 * Single-threaded, no SIMD, no tricks. Quoted fields are not handled: the
 * bench generator writes none.
 *
 *   cc -O2 -o ref_c ref_c.c -lm
 *   ref_c FILE [--alpha A] [--warmup N] [--min-std S] [--min-std-pct P] [--threshold Z]
 *
 * Prints one JSON line like ref_pandas.py: samples, series, late, alerts,
 * resolved, seconds (reading the file to the count).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct series {
    uint64_t hash;
    uint32_t key_offset; /* into the key arena; 0 marks an empty slot */
    uint32_t key_length;
    int64_t count;
    int64_t last_timestamp;
    double last_value;
    double mean;
    double variance;
    int firing;
};

struct table {
    struct series *slots;
    size_t capacity; /* a power of two */
    size_t used;
    char *arena;
    size_t arena_used, arena_capacity;
};

struct params {
    double alpha, min_std, min_std_pct, threshold;
    int64_t warmup;
};

struct totals {
    long samples, late, alerts, resolved, bad;
};

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *checked(void *pointer) {
    if (pointer == NULL) {
        fprintf(stderr, "ref_c: out of memory\n");
        exit(1);
    }
    return pointer;
}

/* FNV-1a over the branch, a separator, and the metric. */
static uint64_t series_hash(const char *branch, size_t branch_length, const char *metric,
                            size_t metric_length) {
    uint64_t hash = 14695981039346656037ULL;
    const uint64_t prime = 1099511628211ULL;
    for (size_t i = 0; i < branch_length; i++) hash = (hash ^ (uint8_t)branch[i]) * prime;
    hash = (hash ^ 0x1f) * prime;
    for (size_t i = 0; i < metric_length; i++) hash = (hash ^ (uint8_t)metric[i]) * prime;
    return hash;
}

static void table_grow(struct table *table) {
    size_t capacity = table->capacity ? table->capacity * 2 : 1024;
    struct series *slots = checked(calloc(capacity, sizeof *slots));
    for (size_t i = 0; i < table->capacity; i++) {
        struct series *old = &table->slots[i];
        if (old->key_offset == 0) continue;
        size_t at = old->hash & (capacity - 1);
        while (slots[at].key_offset != 0) at = (at + 1) & (capacity - 1);
        slots[at] = *old;
    }
    free(table->slots);
    table->slots = slots;
    table->capacity = capacity;
}

static struct series *table_find(struct table *table, const char *branch, size_t branch_length,
                                 const char *metric, size_t metric_length) {
    if (table->used * 2 >= table->capacity) table_grow(table);
    uint64_t hash = series_hash(branch, branch_length, metric, metric_length);
    size_t length = branch_length + 1 + metric_length;
    size_t at = hash & (table->capacity - 1);
    for (;;) {
        struct series *slot = &table->slots[at];
        if (slot->key_offset == 0) break;
        if (slot->hash == hash && slot->key_length == length) {
            const char *key = table->arena + slot->key_offset;
            if (memcmp(key, branch, branch_length) == 0 &&
                memcmp(key + branch_length + 1, metric, metric_length) == 0)
                return slot;
        }
        at = (at + 1) & (table->capacity - 1);
    }
    if (table->arena_used + length > table->arena_capacity) {
        table->arena_capacity = (table->arena_capacity + length) * 2;
        table->arena = checked(realloc(table->arena, table->arena_capacity));
    }
    struct series *slot = &table->slots[at];
    memset(slot, 0, sizeof *slot);
    slot->hash = hash;
    slot->key_offset = (uint32_t)table->arena_used;
    slot->key_length = (uint32_t)length;
    memcpy(table->arena + table->arena_used, branch, branch_length);
    table->arena[table->arena_used + branch_length] = 0x1f;
    memcpy(table->arena + table->arena_used + branch_length + 1, metric, metric_length);
    table->arena_used += length;
    table->used++;
    return slot;
}

static int digits(const char *text, int count, int *out) {
    int value = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9') return 0;
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return 1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

/* YYYY-MM-DD, optionally THH:MM[:SS] and Z or +HH:MM; bare forms count as UTC,
 * which keeps the order of samples, all the loop needs. */
static int parse_timestamp(const char *text, size_t length, int64_t *out) {
    int year, month, day, hour = 0, minute = 0, second = 0;
    if (length < 10 || !digits(text, 4, &year) || !digits(text + 5, 2, &month) ||
        !digits(text + 8, 2, &day))
        return 0;
    size_t at = 10;
    if (at < length && (text[at] == 'T' || text[at] == ' ')) {
        if (length < at + 6 || !digits(text + at + 1, 2, &hour) ||
            !digits(text + at + 4, 2, &minute))
            return 0;
        at += 6;
        if (at < length && text[at] == ':') {
            if (length < at + 3 || !digits(text + at + 1, 2, &second)) return 0;
            at += 3;
        }
    }
    int64_t offset = 0;
    if (at < length && (text[at] == '+' || text[at] == '-')) {
        int hours, minutes = 0;
        if (length < at + 3 || !digits(text + at + 1, 2, &hours)) return 0;
        if (length >= at + 6) digits(text + at + 4, 2, &minutes);
        offset = (text[at] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
    }
    *out = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    return 1;
}

static void apply(struct series *series, int64_t timestamp, double value,
                  const struct params *params, struct totals *totals) {
    if (series->count > 0 && timestamp <= series->last_timestamp) {
        totals->late++;
        return;
    }
    if (series->count >= params->warmup && series->count > 0) {
        double floor = fmax(params->min_std, params->min_std_pct * fabs(series->mean));
        double deviation = fmax(sqrt(series->variance), floor);
        double z = (value - series->mean) / deviation;
        int holds = z <= -params->threshold || z >= params->threshold;
        if (holds && !series->firing) totals->alerts++;
        if (!holds && series->firing) totals->resolved++;
        series->firing = holds;
    }
    series->count++;
    if (series->count == 1) {
        series->mean = value;
        series->variance = 0;
    } else {
        double difference = value - series->mean;
        double increment = params->alpha * difference;
        series->mean += increment;
        series->variance = (1 - params->alpha) * (series->variance + difference * increment);
    }
    series->last_timestamp = timestamp;
    series->last_value = value;
    totals->samples++;
}

#define MAX_FIELDS 256

/* Splits [line, end) at commas; returns the field count. */
static int split(const char *line, const char *end, const char **starts, size_t *lengths) {
    int count = 0;
    const char *field = line;
    for (const char *p = line;; p++) {
        if (p == end || *p == ',') {
            if (count < MAX_FIELDS) {
                starts[count] = field;
                lengths[count] = (size_t)(p - field);
                count++;
            }
            if (p == end) return count;
            field = p + 1;
        }
    }
}

static int field_is(const char *start, size_t length, const char *name) {
    return strlen(name) == length && memcmp(start, name, length) == 0;
}

static double parse_value(const char *start, size_t length, int *ok) {
    char buffer[64];
    if (length == 0 || length >= sizeof buffer) {
        *ok = 0;
        return 0;
    }
    memcpy(buffer, start, length);
    buffer[length] = 0;
    char *rest;
    double value = strtod(buffer, &rest);
    *ok = rest == buffer + length && isfinite(value);
    return value;
}

int main(int argc, char **argv) {
    struct params params = {.alpha = 0.1, .warmup = 24, .min_std = 1, .min_std_pct = 0.05,
                            .threshold = 5};
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--alpha") == 0) params.alpha = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--warmup") == 0) params.warmup = atol(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--min-std") == 0)
            params.min_std = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--min-std-pct") == 0)
            params.min_std_pct = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--threshold") == 0)
            params.threshold = atof(argv[++i]);
        else path = argv[i];
    }
    if (path == NULL) {
        fprintf(stderr, "usage: ref_c FILE [--alpha A] [--warmup N] [--min-std S] "
                        "[--min-std-pct P] [--threshold Z]\n");
        return 2;
    }
    double started = now_seconds();
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = checked(malloc((size_t)size + 1));
    if (fread(text, 1, (size_t)size, file) != (size_t)size) {
        perror(path);
        return 1;
    }
    fclose(file);
    text[size] = '\n';

    struct table table = {0};
    table.arena_capacity = 1 << 20;
    table.arena = checked(malloc(table.arena_capacity));
    table.arena_used = 1; /* offset 0 marks an empty slot */
    struct totals totals = {0};

    const char *starts[MAX_FIELDS];
    size_t lengths[MAX_FIELDS];
    const char *end = text + size;
    const char *line = text;
    const char *newline = memchr(line, '\n', (size_t)(end - line) + 1);
    int columns = split(line, newline, starts, lengths);
    int at_timestamp = -1, at_branch = -1, at_metric = -1, at_value = -1;
    for (int i = 0; i < columns; i++) {
        if (field_is(starts[i], lengths[i], "timestamp")) at_timestamp = i;
        else if (field_is(starts[i], lengths[i], "branch")) at_branch = i;
        else if (field_is(starts[i], lengths[i], "metric")) at_metric = i;
        else if (field_is(starts[i], lengths[i], "value")) at_value = i;
    }
    if (at_timestamp < 0 || at_branch < 0) {
        fprintf(stderr, "%s: the header needs timestamp and branch columns\n", path);
        return 1;
    }
    int wide = at_metric < 0 || at_value < 0;
    /* Wide files: every other column is a metric named by its header. */
    const char *metric_names[MAX_FIELDS];
    size_t metric_lengths[MAX_FIELDS];
    for (int i = 0; i < columns; i++) {
        metric_names[i] = starts[i];
        metric_lengths[i] = lengths[i];
    }

    for (line = newline + 1; line < end; line = newline + 1) {
        newline = memchr(line, '\n', (size_t)(end - line) + 1);
        const char *stop = newline;
        if (stop > line && stop[-1] == '\r') stop--;
        if (stop == line) continue;
        int count = split(line, stop, starts, lengths);
        int64_t timestamp;
        if (count != columns || !parse_timestamp(starts[at_timestamp], lengths[at_timestamp],
                                                 &timestamp)) {
            totals.bad++;
            continue;
        }
        for (int i = 0; i < columns; i++) {
            const char *metric;
            size_t metric_length;
            int value_at;
            if (wide) {
                if (i == at_timestamp || i == at_branch) continue;
                metric = metric_names[i];
                metric_length = metric_lengths[i];
                value_at = i;
            } else {
                if (i > 0) break;
                metric = starts[at_metric];
                metric_length = lengths[at_metric];
                value_at = at_value;
            }
            int ok;
            double value = parse_value(starts[value_at], lengths[value_at], &ok);
            if (!ok) {
                totals.bad++;
                continue;
            }
            struct series *series = table_find(&table, starts[at_branch], lengths[at_branch],
                                               metric, metric_length);
            apply(series, timestamp, value, &params, &totals);
        }
    }
    double seconds = now_seconds() - started;
    printf("{\"samples\": %ld, \"series\": %zu, \"late\": %ld, \"alerts\": %ld, "
           "\"resolved\": %ld, \"skipped\": %ld, \"seconds\": %.4f, \"format\": \"%s\"}\n",
           totals.samples, table.used, totals.late, totals.alerts, totals.resolved, totals.bad,
           seconds, wide ? "wide" : "long");
    return 0;
}
