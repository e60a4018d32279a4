TRAIN = 'train'
VAL = 'val'
