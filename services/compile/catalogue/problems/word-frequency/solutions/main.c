#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char w[11]; } Word;

static Word words[100000];
static int cnt[100000];
static int order[100000];
static Word uniq[100000];

static int cmp_word(const void* a, const void* b) {
    return strcmp(((const Word*)a)->w, ((const Word*)b)->w);
}

static int cmp_freq(const void* a, const void* b) {
    int i = *(const int*)a, j = *(const int*)b;
    if (cnt[i] != cnt[j]) return cnt[j] - cnt[i];
    return i - j; /* uniq[] is already in lexicographic order */
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%10s", words[i].w);
    qsort(words, n, sizeof(Word), cmp_word);
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && strcmp(uniq[m - 1].w, words[i].w) == 0) {
            cnt[m - 1]++;
        } else {
            uniq[m] = words[i];
            cnt[m] = 1;
            m++;
        }
    }
    for (int i = 0; i < m; i++) order[i] = i;
    qsort(order, m, sizeof(int), cmp_freq);
    for (int i = 0; i < m; i++) printf("%s %d\n", uniq[order[i]].w, cnt[order[i]]);
    return 0;
}
