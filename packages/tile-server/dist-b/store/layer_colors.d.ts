export declare function defaultLayerColor(index: number): string;
