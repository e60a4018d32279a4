# -*- coding: utf-8 -*-
# pylint: skip-file
import os


class CommonConfigs(object):
    def __init__(self, d_type):
        self.ROOT_PATH = os.getcwd() + "/"
        self.TRAINING_DATA_PATH = self.ROOT_PATH + d_type + "/train_set/"
        self.VALIDATE_DATA_PATH = self.ROOT_PATH + d_type + "/validate_set/"
        self.TESTING_DATA_PATH = self.ROOT_PATH + d_type + "/test_set/"
        self.RESULT_PATH = self.ROOT_PATH + d_type + "/result/"
        self.MODEL_PATH = self.ROOT_PATH + d_type + "/model/"


class DeepmindTraining(object):
    IS_UNICODE = False
    REMOVES_PUNCTION = False
    HAS_Y = True
    BATCH_SIZE = 4


class DeepmindTesting(object):
    IS_UNICODE = False
    HAS_Y = True
    BATCH_SIZE = 4
    MIN_LEN_PREDICT = 3
    MAX_LEN_PREDICT = 6
    MAX_BYTE_PREDICT = None
    PRINT_SIZE = 500
    REMOVES_PUNCTION = False


class DeepmindConfigs:
    cc = CommonConfigs("cnndm")
    FIRE = False

    CELL = "transformer"
    CUDA = False
    COPY = True
    COVERAGE = True

    BI_RNN = False
    AVG_NLL = True
    NORM_CLIP = 2
    if not AVG_NLL:
        NORM_CLIP = 5
    LR = 0.15
    SMOOTHING = 0.1

    BEAM_SEARCH = True
    BEAM_SIZE = 4
    ALPHA = 0.9  # length penalty
    BETA = 5  # coverage during beamsearch

    DIM_X = 16
    DIM_Y = DIM_X
    HIDDEN_SIZE = 16
    FF_SIZE = 32
    NUM_H = 2  # multi-head attention
    DROPOUT = 0.2
    NUM_L = 2  # num of layers
    MIN_LEN_X = 4
    MIN_LEN_Y = 2
    MAX_LEN_X = 10
    MAX_LEN_Y = 5
    MIN_NUM_X = 1
    MAX_NUM_X = 1
    MAX_NUM_Y = None

    NUM_Y = 1

    PG_DICT_SIZE = 30  # dict for acl17 paper: pointer-generator

    W_UNK = "<unk>"
    W_BOS = "<bos>"
    W_EOS = "<eos>"
    W_PAD = "<pad>"
    W_LS = "<s>"
    W_RS = "</s>"
