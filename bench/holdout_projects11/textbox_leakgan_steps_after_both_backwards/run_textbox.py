# case: TextBox (run_textbox.py -> textbox/quick_start.py -> `get_model`/`get_trainer` in textbox/utils.py, which import textbox.model.GAN.leakgan and textbox.trainer by the model name) after the fix of PR #105: `LeakGANTrainer._optimize_step` in textbox/trainer/trainer.py backpropagates the manager loss and then the worker loss (whose logits depend on the manager's goal vectors, textbox/module/Generator/LeakGANGenerator.py) and only afterwards steps the manager and worker optimizers; generator pretraining and discriminator pretraining on sampled sentences run
# source: https://github.com/RUCAIBox/TextBox/pull/105
import argparse

from textbox.quick_start import run_textbox

if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', '-m', type=str, default='RNN', help='name of models')
    parser.add_argument('--dataset', '-d', type=str, default='COCO', help='name of datasets')
    parser.add_argument('--task_type', '-t', type=str, default='unconditional', help='name of tasks')
    parser.add_argument('--config_files', type=str, default=None, help='config files')

    args, _ = parser.parse_known_args(['--model=LeakGAN', '--dataset=COCO'])

    config_file_list = args.config_files.strip().split(' ') if args.config_files else None
    run_textbox(
        model=args.model,
        dataset=args.dataset,
        config_file_list=config_file_list,
        config_dict={'task_type': args.task_type.strip()}
    )
