import logging

logger = logging.getLogger("emanet")

N_CLASSES = 3
N_LAYERS = 2
STAGE_NUM = 0  # EM iterations at training time (0: bases used as initialised, the "no-EM" ablation)
EM_MOM = 0.9
BATCH_SIZE = 2
LR = 0.01
LR_MOM = 0.9
WEIGHT_DECAY = 1e-4
ITER_MAX = 3
