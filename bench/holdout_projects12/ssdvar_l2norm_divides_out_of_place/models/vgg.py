# fully conv reduced VGG16 (channels divided by 16 here)
import torch.nn as nn


class VGG16(nn.Module):
    '''
    input image: BGR format, range [0, 255], then subtract mean
    '''
    def __init__(self):
        super(VGG16, self).__init__()

        self.conv1_1 = nn.Conv2d(  3,   4, 3, padding=1)
        self.conv1_2 = nn.Conv2d(  4,   4, 3, padding=1)
        self.pool1 = nn.MaxPool2d(2, ceil_mode=True)

        self.conv2_1 = nn.Conv2d(  4,   8, 3, padding=1)
        self.conv2_2 = nn.Conv2d(  8,   8, 3, padding=1)
        self.pool2 = nn.MaxPool2d(2, ceil_mode=True)

        self.conv3_1 = nn.Conv2d(  8,  16, 3, padding=1)
        self.conv3_2 = nn.Conv2d( 16,  16, 3, padding=1)
        self.conv3_3 = nn.Conv2d( 16,  16, 3, padding=1)
        self.pool3 = nn.MaxPool2d(2, ceil_mode=True)

        self.conv4_1 = nn.Conv2d( 16,  32, 3, padding=1)
        self.conv4_2 = nn.Conv2d( 32,  32, 3, padding=1)
        self.conv4_3 = nn.Conv2d( 32,  32, 3, padding=1)
        self.pool4 = nn.MaxPool2d(2, ceil_mode=True)

        self.conv5_1 = nn.Conv2d( 32,  32, 3, padding=1)
        self.conv5_2 = nn.Conv2d( 32,  32, 3, padding=1)
        self.conv5_3 = nn.Conv2d( 32,  32, 3, padding=1)
        self.pool5 = nn.MaxPool2d(3, stride=1, padding=1)

        self.conv6 = nn.Conv2d( 32,  64, 3, padding=6, dilation=6)
        self.conv7 = nn.Conv2d( 64,  64, 1)

    def load_pretrained(self, path):
        raise NotImplementedError('no pretrained backbone here')
