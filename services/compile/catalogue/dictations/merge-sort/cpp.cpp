#include <iostream>
#include <vector>

void mergeSort(std::vector<int>& arr, std::vector<int>& tmp, int lo, int hi) {
    if (hi - lo <= 1) {
        return;
    }
    int mid = (lo + hi) / 2;
    mergeSort(arr, tmp, lo, mid);
    mergeSort(arr, tmp, mid, hi);
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

int main() {
    std::vector<int> arr = {5, 2, 9, 1, 5, 6, 3};
    std::vector<int> tmp(arr.size());
    mergeSort(arr, tmp, 0, static_cast<int>(arr.size()));
    std::cout << "sorted:";
    for (int x : arr) {
        std::cout << " " << x;
    }
    std::cout << "\n";
    return 0;
}
