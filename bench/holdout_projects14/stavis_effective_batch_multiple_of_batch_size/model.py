from models import resnet as resnet


def generate_model(opt):
    if opt.model == "resnet":
        assert opt.model_depth in [10]

        from models.resnet import get_fine_tuning_parameters

        if opt.model_depth == 10:
            model = resnet.resnet10(
                shortcut_type=opt.resnet_shortcut,
                sample_size=opt.sample_size,
                sample_duration=opt.sample_duration,
                audiovisual=opt.audiovisual,
            )
    else:
        raise ValueError("Model type not supported")

    (parameters, name_parameters) = get_fine_tuning_parameters(model, opt.learning_rate_sal, opt.weight_decay)

    return model, parameters
