#!/usr/bin/env python
# -*- coding:utf-8 _*-
# case: PointAugment (train_PA.py -> Augment/model.py `Model.train`): the augmentor loss is backpropagated with retain_graph=True and optimizer_a.step() updates the Augmentor (Augment/augmentor.py) before the classifier loss, computed on the classifier's prediction for the augmented cloud, is backpropagated through the same augmentor forward (the "[256, 4] ... TBackward ... version 2; expected version 1", the transposed fc3 weight of Augmentor_Rotation)
# source: https://github.com/liruihui/PointAugment/issues/15
"""
@author:liruihui
@file: train_PA.py
"""
import os
import pprint

pp = pprint.PrettyPrinter()
from datetime import datetime

from Augment.config import opts
from Augment.model import Model

if __name__ == '__main__':
    current_time = datetime.now().strftime("%Y%m%d-%H%M")
    opts.log_dir = os.path.join(opts.log_dir, opts.model_name + "_cls", current_time)

    print('checkpoints:', opts.log_dir)

    model = Model(opts)
    model.train()
