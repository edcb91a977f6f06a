// Linux headers that Glibc's Swift module leaves out.
#include <sys/eventfd.h>
#include <sys/signalfd.h>
