/*
 * peak_rss OUT COMMAND [ARG...]: runs COMMAND and writes its peak resident set size, in
 * bytes, to the file OUT; exits with COMMAND's status.
 *
 * The harness cannot read a child's peak from its own wait4: Linux carries the peak of
 * the process that forks a child into the child's count, and the harness is a Python
 * process of a few hundred MiB after generating a drop. A child forked from this small
 * program starts from this program's peak instead, about a MiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss OUT COMMAND [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("peak_rss: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("peak_rss: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("peak_rss: wait4");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 2;
    }
    /* ru_maxrss is in KiB on Linux. */
    fprintf(out, "%ld\n", usage.ru_maxrss * 1024L);
    fclose(out);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}
