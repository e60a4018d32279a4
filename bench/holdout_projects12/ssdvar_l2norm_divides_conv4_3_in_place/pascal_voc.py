# Stand-in for the PASCAL VOC reader: random 300x300 images with one or two random boxes.
import numpy as np
import torch.utils.data


class VOC(object):
    N_CLASSES = 20
    CLASSES = (
        'aeroplane', 'bicycle', 'bird', 'boat',
        'bottle', 'bus', 'car', 'cat', 'chair',
        'cow', 'diningtable', 'dog', 'horse',
        'motorbike', 'person', 'pottedplant',
        'sheep', 'sofa', 'train', 'tvmonitor',
    )

    MEAN = [123.68, 116.779, 103.939]   # R,G,B

    label_to_id = dict(map(reversed, enumerate(CLASSES)))
    id_to_label = dict(enumerate(CLASSES))


class VOCDetection(torch.utils.data.Dataset):
    def __init__(self, root, image_set, transform=None, target_transform=None, keep_difficult=False,
                 n_images=4):
        self.root = root
        self.image_set = image_set
        self.transform = transform
        self.target_transform = target_transform
        self.keep_difficult = keep_difficult
        rng = np.random.RandomState(0)
        self.images = [rng.randint(0, 256, (300, 300, 3)).astype(np.float32) for _ in range(n_images)]
        self.boxes = []
        self.labels = []
        for _ in range(n_images):
            k = rng.randint(1, 3)
            lt = rng.uniform(0, 150, (k, 2))
            wh = rng.uniform(40, 150, (k, 2))
            self.boxes.append(np.hstack([lt, lt + wh]).astype(np.float32))
            self.labels.append(rng.randint(0, VOC.N_CLASSES, k))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        img = self.images[index]
        h, w = img.shape[:2]
        boxes = self.boxes[index] / np.array([w, h, w, h], dtype=np.float32)   # normalized l-t-r-b
        labels = self.labels[index]

        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            boxes, labels = self.target_transform(boxes, labels)
        return img, boxes, labels
