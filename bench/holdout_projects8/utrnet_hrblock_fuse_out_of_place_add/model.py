import torch.nn as nn

from modules.dropout_layer import dropout_layer
from modules.feature_extraction import HRNet_FeatureExtractor
from modules.sequence_modeling import BidirectionalLSTM


class Model(nn.Module):
    def __init__(self, opt):
        super(Model, self).__init__()
        self.opt = opt
        self.stages = {"Feat": opt.FeatureExtraction, "Seq": opt.SequenceModeling, "Pred": opt.Prediction}

        """ FeatureExtraction """
        if opt.FeatureExtraction == "HRNet":
            self.FeatureExtraction = HRNet_FeatureExtractor(opt.input_channel, opt.output_channel, opt.mid_channel)
        else:
            raise Exception("No FeatureExtraction module specified")
        self.FeatureExtraction_output = opt.output_channel
        self.AdaptiveAvgPool = nn.AdaptiveAvgPool2d((None, 1))  # Transform final (imgH/16-1) -> 1

        """ Temporal Dropout """
        self.dropout1 = dropout_layer(opt.device)

        """ Sequence modeling"""
        if opt.SequenceModeling == "BiLSTM":
            self.SequenceModeling = BidirectionalLSTM(self.FeatureExtraction_output, opt.hidden_size, opt.hidden_size)
        elif opt.SequenceModeling == "DBiLSTM":
            self.SequenceModeling = nn.Sequential(
                BidirectionalLSTM(self.FeatureExtraction_output, opt.hidden_size, opt.hidden_size),
                BidirectionalLSTM(opt.hidden_size, opt.hidden_size, opt.hidden_size),
            )
        else:
            raise Exception("No Sequence Modeling module specified")
        self.SequenceModeling_output = opt.hidden_size

        """ Prediction """
        if opt.Prediction == "CTC":
            self.Prediction = nn.Linear(self.SequenceModeling_output, opt.num_class)
        else:
            raise Exception("Prediction is neither CTC or Attn")

    def forward(self, input, text=None, is_train=True):
        """ Feature extraction stage """
        visual_feature = self.FeatureExtraction(input)
        visual_feature = self.AdaptiveAvgPool(visual_feature.permute(0, 3, 1, 2))  # [b, c, h, w] -> [b, w, c, h]
        visual_feature = visual_feature.squeeze(3)

        """ Temporal Dropout + Sequence modeling stage """
        if self.training:
            visual_feature = self.dropout1(visual_feature)
        contextual_feature = self.SequenceModeling(visual_feature)

        """ Prediction stage """
        return self.Prediction(contextual_feature.contiguous())
