#include <stdio.h>
#include <string.h>

static char words[100000][11];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%10s", words[i]);
    /* TODO: count the words and print them */
    return 0;
}
