#include <stdio.h>

void merge_sort(int *arr, int *tmp, int lo, int hi) {
    if (hi - lo <= 1) {
        return;
    }
    int mid = (lo + hi) / 2;
    merge_sort(arr, tmp, lo, mid);
    merge_sort(arr, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (arr[i] <= arr[j]) {
            tmp[k++] = arr[i++];
        } else {
            tmp[k++] = arr[j++];
        }
    }
    while (i < mid) {
        tmp[k++] = arr[i++];
    }
    while (j < hi) {
        tmp[k++] = arr[j++];
    }
    for (k = lo; k < hi; k++) {
        arr[k] = tmp[k];
    }
}

int main(void) {
    int arr[] = {5, 2, 9, 1, 5, 6, 3};
    int tmp[7];
    merge_sort(arr, tmp, 0, 7);
    printf("sorted:");
    for (int i = 0; i < 7; i++) {
        printf(" %d", arr[i]);
    }
    printf("\n");
    return 0;
}
