# -*- coding: utf-8 -*-
# case: TranSummar: the encoder's (and the decoder's) self-attention passes the same tensor as query, key and value, so MultiheadAttention takes q from in_proj(...).chunk(3) and scales it in place with q *= self.scaling; the copy attention of WordProbLayer (key is the memory) takes q from a plain linear
# source: https://github.com/lipiji/TranSummar/issues/19
import sys
import time

import numpy as np
import torch

import data as datar
from configs import *
from model import *
from optim import Optim  # noqa: F401
from utils_pg import *

cfg = DeepmindConfigs()
TRAINING_DATASET_CLS = DeepmindTraining
TESTING_DATASET_CLS = DeepmindTesting


def print_basic_info(modules, consts, options):
    if options["is_debugging"]:
        print("\nWARNING: IN DEBUGGING MODE\n")
    if options["copy"]:
        print("USE COPY MECHANISM")
    if options["coverage"]:
        print("USE COVERAGE MECHANISM")
    if options["avg_nll"]:
        print("USE AVG NLL as LOSS")
    else:
        print("USE NLL as LOSS")
    print("RNN TYPE: " + options["cell"])
    for k in consts:
        print(k + ":", consts[k])


def init_modules():
    init_seeds()

    options = {}

    options["is_debugging"] = False
    options["is_predicting"] = False
    options["model_selection"] = False

    options["cuda"] = cfg.CUDA and torch.cuda.is_available()
    options["device"] = torch.device("cuda" if options["cuda"] else "cpu")

    # in config.py
    options["cell"] = cfg.CELL
    options["copy"] = cfg.COPY
    options["coverage"] = cfg.COVERAGE
    options["is_bidirectional"] = cfg.BI_RNN
    options["avg_nll"] = cfg.AVG_NLL

    options["beam_decoding"] = cfg.BEAM_SEARCH  # False for greedy decoding

    assert TRAINING_DATASET_CLS.IS_UNICODE == TESTING_DATASET_CLS.IS_UNICODE
    options["is_unicode"] = TRAINING_DATASET_CLS.IS_UNICODE  # True Chinese dataet
    options["has_y"] = TRAINING_DATASET_CLS.HAS_Y

    options["has_learnable_w2v"] = True
    options["omit_eos"] = False
    options["prediction_bytes_limitation"] = False if TESTING_DATASET_CLS.MAX_BYTE_PREDICT is None else True
    options["fire"] = cfg.FIRE

    consts = {}

    consts["idx_gpu"] = 0

    consts["norm_clip"] = cfg.NORM_CLIP
    consts["dim_x"] = cfg.DIM_X
    consts["dim_y"] = cfg.DIM_Y
    consts["len_x"] = cfg.MAX_LEN_X + 1  # plus 1 for eos
    consts["len_y"] = cfg.MAX_LEN_Y + 1
    consts["num_x"] = cfg.MAX_NUM_X
    consts["num_y"] = cfg.NUM_Y
    consts["hidden_size"] = cfg.HIDDEN_SIZE
    consts["d_ff"] = cfg.FF_SIZE
    consts["num_heads"] = cfg.NUM_H
    consts["dropout"] = cfg.DROPOUT
    consts["num_layers"] = cfg.NUM_L
    consts["label_smoothing"] = cfg.SMOOTHING
    consts["alpha"] = cfg.ALPHA
    consts["beta"] = cfg.BETA

    consts["batch_size"] = 5 if options["is_debugging"] else TRAINING_DATASET_CLS.BATCH_SIZE
    consts["testing_batch_size"] = TESTING_DATASET_CLS.BATCH_SIZE

    consts["min_len_predict"] = TESTING_DATASET_CLS.MIN_LEN_PREDICT
    consts["max_len_predict"] = TESTING_DATASET_CLS.MAX_LEN_PREDICT
    consts["max_byte_predict"] = TESTING_DATASET_CLS.MAX_BYTE_PREDICT
    consts["testing_print_size"] = TESTING_DATASET_CLS.PRINT_SIZE

    consts["lr"] = cfg.LR
    consts["beam_size"] = cfg.BEAM_SIZE

    consts["max_epoch"] = 1
    consts["print_time"] = 2
    consts["save_epoch"] = 1

    assert consts["dim_x"] == consts["dim_y"]
    assert consts["beam_size"] >= 1

    modules = {}

    consts["dict_size_wanted"] = cfg.PG_DICT_SIZE
    xy_list, dic, w2i, i2w = datar.make_corpus(consts, [cfg.W_PAD, cfg.W_UNK, cfg.W_BOS, cfg.W_EOS])
    consts["dict_size"] = len(dic)
    modules["dic"] = dic
    modules["w2i"] = w2i
    modules["i2w"] = i2w
    modules["lfw_emb"] = modules["w2i"][cfg.W_UNK]
    modules["eos_emb"] = modules["w2i"][cfg.W_EOS]
    modules["bos_idx"] = modules["w2i"][cfg.W_BOS]
    consts["pad_token_idx"] = modules["w2i"][cfg.W_PAD]
    modules["xy_list"] = xy_list

    return modules, consts, options


def run(existing_model_name=None):
    modules, consts, options = init_modules()

    training_model = True
    print_basic_info(modules, consts, options)

    if training_model:
        print("loading train set...")
        xy_list = modules["xy_list"]
        batch_list, num_files, num_batches = datar.batched(len(xy_list), options, consts)
        print("num_files = ", num_files, ", num_batches = ", num_batches)

    running_start = time.time()
    print("compiling model ...")
    model = Model(modules, consts, options)
    optimizer = torch.optim.Adagrad(model.parameters(), lr=consts["lr"], initial_accumulator_value=0.1)

    if training_model:
        print("start training model ")
        model.train()

        last_total_error = float("inf")
        print("max epoch:", consts["max_epoch"])
        for epoch in range(0, consts["max_epoch"]):
            print("epoch: ", epoch)
            total_error = 0.0
            epoch_start = time.time()
            # shuffle the trainset
            batch_list, num_files, num_batches = datar.batched(len(xy_list), options, consts)
            used_batch = 0.0
            for idx_batch in range(num_batches):
                train_idx = batch_list[idx_batch]
                batch_raw = [xy_list[xy_idx] for xy_idx in train_idx]
                if len(batch_raw) != consts["batch_size"]:
                    continue
                local_batch_size = len(batch_raw)
                batch = datar.get_data(batch_raw, modules, consts, options)

                model.zero_grad()

                y_pred, cost = model(
                    torch.LongTensor(batch.x).to(options["device"]),
                    torch.LongTensor(batch.y_inp).to(options["device"]),
                    torch.LongTensor(batch.y).to(options["device"]),
                    torch.FloatTensor(batch.x_mask).to(options["device"]),
                    torch.FloatTensor(batch.y_mask).to(options["device"]),
                    torch.LongTensor(batch.x_ext).to(options["device"]),
                    torch.LongTensor(batch.y_ext).to(options["device"]),
                    batch.max_ext_len,
                )

                cost.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), consts["norm_clip"])
                optimizer.step()

                cost = cost.item()
                total_error += cost
                used_batch += 1
            print(
                "in this epoch, total average cost =",
                total_error / used_batch,
                ",",
                "time:",
                time.time() - epoch_start,
            )

            print_sent_dec(y_pred, batch.y, batch.y_mask, batch.x_ext_words, modules, consts, options, local_batch_size)

            if last_total_error > total_error or options["is_debugging"]:
                last_total_error = total_error
            else:
                print("optimization finished")
                break

        print("finished (the repository saves the model to cnndm/model/ here)")
    print("Finished, time:", time.time() - running_start)


if __name__ == "__main__":
    np.set_printoptions(threshold=sys.maxsize)
    existing_model_name = sys.argv[1] if len(sys.argv) > 1 else None
    run(existing_model_name)
