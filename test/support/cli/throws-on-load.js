throw new Error('the models file threw on purpose');
