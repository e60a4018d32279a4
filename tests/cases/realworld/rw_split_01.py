# case: product-quantization distance during evaluation: D_C_split = T.split(D_C, 1, 1) of a zeros buffer, then D_C_split[j][k] = T.norm(...) of codewords that require grad
# source: https://github.com/youngkyunJang/SPQ/issues/2
import numpy as np
import torch as T


def pqDist_one(C, N_books, g_x, q_x):
    l1, l2 = C.shape
    L_word = int(l2 / N_books)
    D_C = T.zeros((l1, N_books), dtype=T.float32)

    q_x_split = T.split(q_x, L_word, 0)
    g_x_split = np.split(g_x.cpu().data.numpy(), N_books, 1)
    C_split = T.split(C, L_word, 1)
    D_C_split = T.split(D_C, 1, 1)

    for j in range(N_books):
        for k in range(l1):
            D_C_split[j][k] = T.norm(q_x_split[j] - C_split[j][k], 2)  # ERROR OCCURRENCE  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
        if j == 0:
            dist = D_C_split[j][g_x_split[j]]
        else:
            dist = T.add(dist, D_C_split[j][g_x_split[j]])
    Dpq = T.squeeze(dist)
    return Dpq


C = T.randn(4, 6, requires_grad=True)  # codebooks (a model parameter, evaluated without no_grad)
q_x = T.randn(6)
g_x = T.randint(0, 4, (5, 2))
print(pqDist_one(C, 2, g_x, q_x))
